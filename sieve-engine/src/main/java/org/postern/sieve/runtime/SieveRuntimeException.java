package org.postern.sieve.runtime;

/** A run could not complete (action conflict, limit hit, bad mailbox...): implicit keep follows. */
public final class SieveRuntimeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message for the log. */
  public SieveRuntimeException(String message) {
    super(message);
  }
}
