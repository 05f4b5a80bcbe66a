package org.postern.dkim.verification;

import java.util.Locale;

/** The outcome of checking one signature, named as RFC 8601 names DKIM results. */
public enum DkimStatus {
  /** The signature verified. */
  PASS,
  /** The signature or body hash did not verify. */
  FAIL,
  /** It verified but local policy does not accept it (e.g. rsa-sha1 when refused). */
  POLICY,
  /** Malformed signature, unusable or missing key: will never verify. */
  PERMERROR,
  /** DNS failed; a later attempt may succeed. */
  TEMPERROR,
  /** The message carries no signature. */
  NONE;

  /** The lower-case result keyword used in headers and output. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
