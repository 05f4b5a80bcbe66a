package org.postern.milter.client;

/**
 * The conversation with a milter failed and its connection is closed; an MTA maps this to a
 * temporary failure (or to its {@code milter_default_action}).
 */
public class MilterClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public MilterClientException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public MilterClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
