package org.postern.testing;

/** A private Postfix instance did not come up; the message carries its output and log tail. */
public final class PostfixStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An instance that failed to start, with what Postfix said. */
  public PostfixStartException(String message) {
    super(message);
  }
}
