package org.postern.sieve.action;

/** Two actions of a run cannot be performed together (e.g. reject and fileinto). */
public final class ActionConflictException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming both actions. */
  public ActionConflictException(String message) {
    super(message);
  }
}
