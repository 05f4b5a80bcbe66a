package org.postern.dkim.signing;

/** Names shared by signing and verification. */
public final class SignatureFields {
  /** The header field name of DKIM signatures. */
  public static final String NAME = "DKIM-Signature";

  private SignatureFields() {}
}
