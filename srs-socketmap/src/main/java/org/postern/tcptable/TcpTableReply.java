package org.postern.tcptable;

import java.util.Objects;

/**
 * One tcp_table reply: a status code and its text, the found value for {@code 200} or a reason.
 *
 * @param status what happened
 * @param text the value for {@link Status#FOUND}, a reason otherwise (decoded)
 */
public record TcpTableReply(Status status, String text) {
  /** Longest reply line in bytes, newline included, that Postfix reads. */
  public static final int POSTFIX_MAX_LENGTH = 4096;

  /** The reply codes Postfix understands. */
  public enum Status {
    /** {@code 200}: found, the text is the value. */
    FOUND(200),
    /** {@code 500}: not found; Postfix leaves the address alone. */
    NOT_FOUND(500),
    /** {@code 400}: temporary error; Postfix defers and retries later. */
    TEMPORARY_ERROR(400);

    private final int code;

    Status(int code) {
      this.code = code;
    }

    /** The three-digit code on the wire. */
    public int code() {
      return code;
    }
  }

  /** Checks the fields. */
  public TcpTableReply {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(text, "text");
  }

  /** A found value. */
  public static TcpTableReply found(String value) {
    return new TcpTableReply(Status.FOUND, value);
  }

  /** Nothing found, with a reason for Postfix's debug log. */
  public static TcpTableReply notFound(String reason) {
    return new TcpTableReply(Status.NOT_FOUND, reason);
  }

  /** A temporary error, with a reason. */
  public static TcpTableReply temporaryError(String reason) {
    return new TcpTableReply(Status.TEMPORARY_ERROR, reason);
  }

  /**
   * The reply line without its newline; the text is always encoded, which Postfix decodes for every
   * code, so a reason cannot break the line.
   */
  public String encode() {
    return status.code() + " " + TcpTableEncoding.encode(text);
  }

  /**
   * Parses a reply line without its newline, as a client reads it. Accepts unencoded text (postsrsd
   * writes reasons with raw spaces), like Postfix does; the first digit decides the status, as in
   * Postfix's client.
   */
  public static TcpTableReply parse(String line) throws MalformedTcpTableMessageException {
    if (line.length() < 4
        || line.charAt(3) != ' '
        || !isAsciiDigit(line.charAt(0))
        || !isAsciiDigit(line.charAt(1))
        || !isAsciiDigit(line.charAt(2))) {
      throw new MalformedTcpTableMessageException(
          "tcp_table reply does not start with a code and a space");
    }
    Status status;
    switch (line.charAt(0)) {
      case '2':
        status = Status.FOUND;
        break;
      case '4':
        status = Status.TEMPORARY_ERROR;
        break;
      case '5':
        status = Status.NOT_FOUND;
        break;
      default:
        throw new MalformedTcpTableMessageException(
            "unknown tcp_table reply code " + line.substring(0, 3));
    }
    return new TcpTableReply(status, TcpTableEncoding.decode(line.substring(4)));
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
