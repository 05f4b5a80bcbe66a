package org.postern.sieve.validation;

import org.postern.sieve.parser.Position;

/**
 * Decodes RFC 5228 section 2.4.2.4 encoded characters: {@code ${hex:41 42}} and {@code
 * ${unicode:1F600}}. Malformed sequences stay literal, as the RFC requires.
 */
final class EncodedCharacters {

  private EncodedCharacters() {}

  static String decode(String value, Position position, CompileContext context) {
    if (value.indexOf("${") < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      int start = value.indexOf("${", i);
      if (start < 0) {
        out.append(value, i, value.length());
        break;
      }
      out.append(value, i, start);
      int colon = value.indexOf(':', start);
      int end = value.indexOf('}', start);
      if (colon < 0 || end < 0 || colon > end) {
        out.append("${");
        i = start + 2;
        continue;
      }
      String kind = value.substring(start + 2, colon).trim().toLowerCase(java.util.Locale.ROOT);
      String body = value.substring(colon + 1, end);
      String decoded = null;
      if (kind.equals("hex")) {
        decoded = hex(body);
      } else if (kind.equals("unicode")) {
        decoded = unicode(body, position, context);
      }
      if (decoded == null) {
        out.append("${");
        i = start + 2;
      } else {
        out.append(decoded);
        i = end + 1;
      }
    }
    return out.toString();
  }

  private static String hex(String body) {
    String[] parts = body.trim().split("[ \\t\\r\\n]+");
    byte[] bytes = new byte[parts.length];
    int count = 0;
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.length() > 2 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return null;
      }
      bytes[count++] = (byte) Integer.parseInt(part, 16);
    }
    if (count == 0) {
      // RFC 5228 2.4.2.4: at least one hex pair; "${hex:}" stays literal.
      return null;
    }
    return new String(bytes, 0, count, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String unicode(String body, Position position, CompileContext context) {
    StringBuilder out = new StringBuilder();
    for (String part : body.trim().split("[ \\t\\r\\n]+")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return null;
      }
      // Any number of hex digits is well-formed; a value beyond U+10FFFF is an error.
      String digits = part.replaceFirst("^0+(?=.)", "");
      long code = digits.length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits, 16);
      if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        context.error(
            position,
            "invalid unicode character U+"
                + part.toUpperCase(java.util.Locale.ROOT)
                + " in encoded-character");
        return "";
      }
      out.appendCodePoint((int) code);
    }
    if (body.isBlank()) {
      // At least one character: "${unicode:}" stays literal.
      return null;
    }
    return out.toString();
  }
}
