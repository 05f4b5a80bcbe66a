package org.postern.milter.handler;

/**
 * A filter asked for a modification the MTA did not agree to (its action was not negotiated), or
 * after end of message was answered.
 */
public final class ModificationRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A refusal explained by {@code message}. */
  public ModificationRefusedException(String message) {
    super(message);
  }
}
