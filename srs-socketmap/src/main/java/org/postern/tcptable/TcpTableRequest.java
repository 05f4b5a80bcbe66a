package org.postern.tcptable;

import java.util.Objects;

/**
 * One tcp_table lookup, {@code get KEY} with the key %XX-encoded on the wire.
 *
 * @param key the decoded lookup key
 */
public record TcpTableRequest(String key) {
  /** Longest request line in bytes (without the newline) a server accepts; Postfix's keys fit. */
  public static final int MAX_LINE_LENGTH = 10_000;

  private static final String GET = "get ";

  /** Checks the key is present. */
  public TcpTableRequest {
    Objects.requireNonNull(key, "key");
  }

  /**
   * Parses a request line without its newline. The command is {@code get} in any case; the key must
   * be non-empty and encoded: raw whitespace, control characters and anything above 126 are refused
   * (tcp_table separates parameters with whitespace, and Postfix always encodes).
   */
  public static TcpTableRequest parse(String line) throws MalformedTcpTableMessageException {
    if (!line.regionMatches(true, 0, GET, 0, GET.length())) {
      throw new MalformedTcpTableMessageException("tcp_table request does not start with 'get '");
    }
    String encodedKey = line.substring(GET.length());
    if (encodedKey.isEmpty()) {
      throw new MalformedTcpTableMessageException("tcp_table request has an empty key");
    }
    for (int i = 0; i < encodedKey.length(); i++) {
      char c = encodedKey.charAt(i);
      if (!TcpTableEncoding.isPlain(c) && c != '%') {
        throw new MalformedTcpTableMessageException(
            "unencoded character " + (int) c + " in the key");
      }
    }
    return new TcpTableRequest(TcpTableEncoding.decode(encodedKey));
  }

  /** The request line without its newline, as a client sends it: {@code get ENCODED-KEY}. */
  public String encode() {
    return GET + TcpTableEncoding.encode(key);
  }
}
