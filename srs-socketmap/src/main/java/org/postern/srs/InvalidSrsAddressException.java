package org.postern.srs;

/** Text that looks like an SRS address or timestamp but does not have its structure. */
public final class InvalidSrsAddressException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The structural problem described by {@code message}. */
  public InvalidSrsAddressException(String message) {
    super(message);
  }
}
