package org.postern.sieve.extlists;

/** An external list could not be read (its store is unreachable); the run fails temporarily. */
public final class ExternalListException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with what failed and why. */
  public ExternalListException(String message, Throwable cause) {
    super(message, cause);
  }
}
