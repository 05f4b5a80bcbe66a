package org.postern.milter.client;

/**
 * The milter's OPTNEG answer cannot be honoured: a version outside 2..6, or actions or protocol
 * bits that were not offered. The connection was closed.
 */
public final class MilterNegotiationException extends MilterClientException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public MilterNegotiationException(String message) {
    super(message);
  }
}
