package org.postern.common.config;

/** A size that is not written as {@link ByteSize#parse} expects; the message quotes it. */
public final class InvalidByteSizeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Builds the message from the offending text and what is wrong with it. */
  public InvalidByteSizeException(String text, String problem) {
    super("invalid size '" + text + "': " + problem + "; expected " + ByteSize.EXPECTED_FORM);
  }
}
