package org.postern.sieve.match;

/** An external list could not be read during a {@code :list} match; the run fails. */
public final class ListLookupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the list and the cause. */
  public ListLookupException(String message, Throwable cause) {
    super(message, cause);
  }
}
