package org.postern.milter.negotiation;

/** The MTA's offer cannot satisfy the handlers; the message says what is missing. */
public final class NegotiationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public NegotiationException(String message) {
    super(message);
  }
}
