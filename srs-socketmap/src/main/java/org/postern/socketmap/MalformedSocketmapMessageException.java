package org.postern.socketmap;

/** A netstring payload that is not a socketmap request ({@code NAME KEY}) or reply. */
public final class MalformedSocketmapMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The problem described by {@code message}. */
  public MalformedSocketmapMessageException(String message) {
    super(message);
  }
}
