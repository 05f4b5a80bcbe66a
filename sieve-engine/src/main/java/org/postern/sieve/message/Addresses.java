package org.postern.sieve.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Extracts addr-specs from an RFC 5322 address-list header value, tolerating display names,
 * comments, quoted strings and groups. Used by the address test.
 */
public final class Addresses {

  private Addresses() {}

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
        int depth = 1;
        i++;
        while (i < length && depth > 0) {
          char d = value.charAt(i);
          if (d == '\\') {
            i++;
          } else if (d == '(') {
            depth++;
          } else if (d == ')') {
            depth--;
          }
          i++;
        }
      } else if (c == '<') {
        int end = value.indexOf('>', i);
        if (end < 0) {
          end = length;
        }
        angle = value.substring(i + 1, end).trim();
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
