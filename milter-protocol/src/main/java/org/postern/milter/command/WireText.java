package org.postern.milter.command;

/**
 * Checks for the strings of milter messages. The protocol carries NUL-terminated byte strings;
 * Postern maps each octet to one char (ISO-8859-1), so header values reach filters byte-exact.
 */
public final class WireText {
  private WireText() {}

  /** Returns {@code value} if it can be sent as one NUL-terminated string, else throws. */
  public static String requireEncodable(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException(field + " must not contain NUL");
      }
      if (c > 0xFF) {
        throw new IllegalArgumentException(
            field + " must be octets (chars up to U+00FF), found U+" + Integer.toHexString(c));
      }
    }
    return value;
  }
}
