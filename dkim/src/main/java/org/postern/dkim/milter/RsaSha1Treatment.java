package org.postern.dkim.milter;

import org.postern.dkim.verification.DkimStatus;

/** What a verified rsa-sha1 signature yields ({@code rsa-sha1:} of {@code dkim-verify}). */
public enum RsaSha1Treatment {
  /** {@code dkim=pass}, as before RFC 8301. */
  PASS(DkimStatus.PASS),
  /** {@code dkim=policy}: verified, but not acceptable here. */
  POLICY(DkimStatus.POLICY),
  /** {@code dkim=fail}, as RFC 8301 asks of verifiers. */
  FAIL(DkimStatus.FAIL);

  private final DkimStatus status;

  RsaSha1Treatment(DkimStatus status) {
    this.status = status;
  }

  /** The result reported for such a signature. */
  public DkimStatus status() {
    return status;
  }
}
