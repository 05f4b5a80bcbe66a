package org.postern.dkim.keys;

/** A DKIM key record or key encoding that cannot be used (a permanent error). */
public class InvalidKeyRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message saying what is wrong. */
  public InvalidKeyRecordException(String message) {
    super(message);
  }

  /** With a message and the underlying cause. */
  public InvalidKeyRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
