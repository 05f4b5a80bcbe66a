package org.postern.dkim.dns;

/** A DNS lookup that failed in a way worth retrying later (timeout, SERVFAIL): DKIM temperror. */
public class TemporaryLookupException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message naming the query and the failure. */
  public TemporaryLookupException(String message) {
    super(message);
  }

  /** With a message and the cause. */
  public TemporaryLookupException(String message, Throwable cause) {
    super(message, cause);
  }
}
