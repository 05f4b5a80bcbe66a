package org.postern.sieve.message;

import java.nio.charset.StandardCharsets;

/**
 * Writes header values for added fields: line breaks in the value become folds, non-ASCII text is
 * RFC 2047 encoded (UTF-8, Q encoding) so the stored message stays 7-bit clean in its header.
 */
public final class HeaderFolding {

  /** Longest encoded word RFC 2047 allows. */
  private static final int MAX_ENCODED_WORD = 75;

  private HeaderFolding() {}

  /** The value as it is written after {@code name: }. */
  public static String encodeAndFold(String value) {
    String[] lines = value.strip().split("\r?\n|\r");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      if (out.length() > 0) {
        // A line break becomes a fold; the continuation keeps its indent or gets one space.
        out.append("\r\n");
        if (line.charAt(0) != ' ' && line.charAt(0) != '\t') {
          out.append(' ');
        }
      }
      out.append(ascii(line) ? line : encode(line));
    }
    return out.toString();
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 126) {
        return false;
      }
    }
    return true;
  }

  /** Q-encodes {@code text} as encoded words, folded between words. */
  static String encode(String text) {
    String prefix = "=?utf-8?q?";
    StringBuilder out = new StringBuilder();
    StringBuilder word = new StringBuilder(prefix);
    int offset = 0;
    while (offset < text.length()) {
      int codePoint = text.codePointAt(offset);
      offset += Character.charCount(codePoint);
      StringBuilder encoded = new StringBuilder();
      if (codePoint == ' ') {
        encoded.append('_');
      } else if (codePoint < 127
          && codePoint > 32
          && codePoint != '='
          && codePoint != '?'
          && codePoint != '_') {
        encoded.appendCodePoint(codePoint);
      } else {
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
          encoded.append('=').append(String.format("%02X", b & 0xff));
        }
      }
      // Characters never split across words: a multi-byte character stays in one word.
      if (word.length() + encoded.length() + 2 > MAX_ENCODED_WORD
          && word.length() > prefix.length()) {
        out.append(word).append("?=\r\n ");
        word = new StringBuilder(prefix);
      }
      word.append(encoded);
    }
    return out.append(word).append("?=").toString();
  }
}
