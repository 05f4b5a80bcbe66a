package org.postern.sieve.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Extracts addr-specs from an RFC 5322 address-list header value, tolerating display names,
 * comments, quoted strings and groups. Used by the address test.
 */
public final class Addresses {

  private Addresses() {}

  /**
   * Whether {@code text} is an RFC 5322 dot-atom: atext runs joined by single dots; with {@code
   * utf8}, also any non-ASCII character (RFC 6532).
   */
  public static boolean isDotAtom(String text, boolean utf8) {
    if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean atext =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0
              || (utf8 && c > 127);
      if (!atext) {
        return false;
      }
    }
    return true;
  }

  /** The addr-specs in {@code value}; a group name alone yields nothing. */
  public static List<String> parseList(String value) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String angle = null;
    int i = 0;
    int length = value.length();
    while (i < length) {
      char c = value.charAt(i);
      if (c == '"') {
        int end = i + 1;
        StringBuilder quoted = new StringBuilder("\"");
        while (end < length && value.charAt(end) != '"') {
          if (value.charAt(end) == '\\' && end + 1 < length) {
            quoted.append(value.charAt(end));
            end++;
          }
          quoted.append(value.charAt(end));
          end++;
        }
        quoted.append('"');
        current.append(quoted);
        i = end + 1;
      } else if (c == '(') {
        i = afterComment(value, i);
      } else if (c == '<') {
        StringBuilder spec = new StringBuilder();
        int end = angleAddress(value, i + 1, spec);
        angle = spec.toString();
        // Drop an obsolete source route ("@a,@b:user@c").
        int colon = angle.indexOf(':');
        if (angle.startsWith("@") && colon > 0) {
          angle = angle.substring(colon + 1);
        }
        i = end + 1;
      } else if (c == ':') {
        // Group name: what came before is not an address.
        current.setLength(0);
        i++;
      } else if (c == ',' || c == ';') {
        add(result, angle, current);
        angle = null;
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(result, angle, current);
    return result;
  }

  /**
   * Copies the addr-spec between {@code <} (before {@code start}) and {@code >} into {@code spec},
   * without comments and whitespace (CFWS) outside quoted strings; returns the index of the {@code
   * >}, or the length when it is missing.
   */
  private static int angleAddress(String value, int start, StringBuilder spec) {
    int length = value.length();
    int i = start;
    while (i < length) {
      char c = value.charAt(i);
      if (c == '>') {
        return i;
      } else if (c == '"') {
        spec.append(c);
        i++;
        while (i < length && value.charAt(i) != '"') {
          if (value.charAt(i) == '\\' && i + 1 < length) {
            spec.append(value.charAt(i));
            i++;
          }
          spec.append(value.charAt(i));
          i++;
        }
        if (i < length) {
          spec.append('"');
          i++;
        }
      } else if (c == '(') {
        i = afterComment(value, i);
      } else {
        if (" \t\r\n".indexOf(c) < 0) {
          spec.append(c);
        }
        i++;
      }
    }
    return length;
  }

  /** The index after the (possibly nested) comment that starts at {@code start}. */
  private static int afterComment(String value, int start) {
    int depth = 0;
    int i = start;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return value.length();
  }

  private static void add(List<String> result, String angle, StringBuilder current) {
    if (angle != null) {
      result.add(angle);
      return;
    }
    String bare = withoutWhitespace(current);
    if (!bare.isEmpty()) {
      result.add(bare);
    }
  }

  // Drops what the regex \s matches, with a loop instead of a regex on this hot path.
  private static String withoutWhitespace(CharSequence text) {
    StringBuilder bare = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (" \t\n\u000B\f\r".indexOf(c) < 0) {
        bare.append(c);
      }
    }
    return bare.toString();
  }

  /** The local part of an addr-spec (everything before the last {@code @}). */
  public static String localPart(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? address : address.substring(0, at);
  }

  /** The domain of an addr-spec, or {@code ""} when there is none. */
  public static String domain(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1);
  }
}
