package org.postern.bench;

/** A load run that could not be carried out, e.g. because the target refused connections. */
public final class BenchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The failure described by {@code message}, caused by {@code cause}. */
  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
