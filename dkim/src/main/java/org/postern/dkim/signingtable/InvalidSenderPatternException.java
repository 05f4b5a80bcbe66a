package org.postern.dkim.signingtable;

/** A signing-table sender pattern that is malformed, or listed twice in one table. */
public class InvalidSenderPatternException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message naming the pattern and what is wrong with it. */
  public InvalidSenderPatternException(String message) {
    super(message);
  }
}
