package org.postern.srs;

/** SRS configuration that cannot be used: a bad secrets file or an invalid rewriter setting. */
public final class SrsConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A configuration problem described by {@code message}. */
  public SrsConfigException(String message) {
    super(message);
  }

  /** A configuration problem caused by {@code cause}, such as an unreadable file. */
  public SrsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
