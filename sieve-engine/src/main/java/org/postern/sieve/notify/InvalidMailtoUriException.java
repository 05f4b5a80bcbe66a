package org.postern.sieve.notify;

/** A notification method URI that is not a valid RFC 6068 mailto URI; the message says why. */
public final class InvalidMailtoUriException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An invalid URI, {@code message} saying what is wrong with it. */
  public InvalidMailtoUriException(String message) {
    super(message);
  }
}
