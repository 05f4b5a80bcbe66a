package org.postern.tcptable;

/** A tcp_table line that is not a request or reply: bad %XX escapes, bad UTF-8, no command. */
public final class MalformedTcpTableMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The problem described by {@code message}. */
  public MalformedTcpTableMessageException(String message) {
    super(message);
  }
}
