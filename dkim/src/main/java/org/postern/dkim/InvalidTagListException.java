package org.postern.dkim;

/** A DKIM tag list (signature field or key record) that does not parse. */
public class InvalidTagListException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message saying what is wrong. */
  public InvalidTagListException(String message) {
    super(message);
  }
}
