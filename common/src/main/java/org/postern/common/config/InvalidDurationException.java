package org.postern.common.config;

/** A duration that is not written as {@link DurationText} expects; the message quotes it. */
public final class InvalidDurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Builds the message from the offending text and what is wrong with it. */
  public InvalidDurationException(String text, String problem) {
    super(
        "invalid duration '" + text + "': " + problem + "; expected " + DurationText.EXPECTED_FORM);
  }
}
