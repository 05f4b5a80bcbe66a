package org.postern.greylist;

/** The greylist store cannot answer now (Redis down, disk failing, queue full). */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Says what failed. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
