package org.postern.testing;

/** A private Postfix instance did not come up; the message carries its output and log tail. */
public final class PostfixStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean smtpPortTaken;

  /** An instance that failed to start, with what Postfix said. */
  public PostfixStartException(String message) {
    this(message, false);
  }

  PostfixStartException(String message, boolean smtpPortTaken) {
    super(message);
    this.smtpPortTaken = smtpPortTaken;
  }

  /** Whether another process held the instance's SMTP port, so a new port may succeed. */
  boolean smtpPortTaken() {
    return smtpPortTaken;
  }
}
