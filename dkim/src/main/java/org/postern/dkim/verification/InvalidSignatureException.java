package org.postern.dkim.verification;

/** A DKIM-Signature field that breaks RFC 6376's rules: its result is permerror. */
public class InvalidSignatureException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With the reason reported in the result. */
  public InvalidSignatureException(String message) {
    super(message);
  }
}
