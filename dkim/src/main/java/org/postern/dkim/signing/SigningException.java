package org.postern.dkim.signing;

/** Signing failed inside the JCA (a key it refuses): the message should be deferred, not sent. */
public class SigningException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message and the cause. */
  public SigningException(String message, Throwable cause) {
    super(message, cause);
  }
}
