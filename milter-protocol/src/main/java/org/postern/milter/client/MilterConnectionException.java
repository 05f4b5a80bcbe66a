package org.postern.milter.client;

/** The milter could not be reached, closed the connection, or the client was closed. */
public final class MilterConnectionException extends MilterClientException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public MilterConnectionException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public MilterConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
