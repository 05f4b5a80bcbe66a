package org.postern.bench;

/** A benchmark command line that cannot be run; the message names the bad option. */
public final class BenchUsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The problem described by {@code message}. */
  public BenchUsageException(String message) {
    super(message);
  }
}
