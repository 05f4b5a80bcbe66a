package org.postern.screen.proxy;

/** A client line grew past the configured limit without a line terminator. */
public final class LineTooLongException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Names the limit that was passed. */
  public LineTooLongException(int limit) {
    super("line longer than " + limit + " bytes");
  }
}
