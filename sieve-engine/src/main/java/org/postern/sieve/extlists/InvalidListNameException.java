package org.postern.sieve.extlists;

/** A string is not a valid external list name (RFC 6134 section 2.1): not a urn: or tag: URI. */
public final class InvalidListNameException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message says what is wrong with the name. */
  public InvalidListNameException(String message) {
    super(message);
  }
}
