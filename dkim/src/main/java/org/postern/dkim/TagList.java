package org.postern.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 6376 section 3.2 tag list ({@code name=value; ...}), as used by DKIM-Signature fields and
 * key records. Values keep their inner whitespace, outer whitespace is dropped; order is kept.
 */
public final class TagList {
  private final Map<String, String> tags;

  private TagList(Map<String, String> tags) {
    this.tags = Collections.unmodifiableMap(tags);
  }

  /**
   * Parses a tag list.
   *
   * @throws InvalidTagListException on a malformed tag, a bad tag name or a duplicate tag
   */
  public static TagList parse(String text) throws InvalidTagListException {
    Map<String, String> tags = new LinkedHashMap<>();
    String[] specs = text.split(";", -1);
    for (int i = 0; i < specs.length; i++) {
      String spec = specs[i];
      if (spec.isBlank()) {
        if (i == specs.length - 1) {
          break;
        }
        throw new InvalidTagListException("empty tag");
      }
      int equals = spec.indexOf('=');
      if (equals < 0) {
        throw new InvalidTagListException("tag without '=': '" + spec.strip() + "'");
      }
      String name = stripFoldingWhitespace(spec.substring(0, equals));
      if (!validName(name)) {
        throw new InvalidTagListException("invalid tag name '" + name + "'");
      }
      if (tags.putIfAbsent(name, stripFoldingWhitespace(spec.substring(equals + 1))) != null) {
        throw new InvalidTagListException("duplicate tag '" + name + "'");
      }
    }
    return new TagList(tags);
  }

  /** The value of a tag, if present. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(tags.get(name));
  }

  /** Whether a tag is present. */
  public boolean has(String name) {
    return tags.containsKey(name);
  }

  /** All tags in order of appearance. */
  public Map<String, String> asMap() {
    return tags;
  }

  /** Removes every whitespace character (for base64 values, where FWS is allowed anywhere). */
  public static String withoutWhitespace(String value) {
    int first = 0;
    while (first < value.length() && !isFoldingWhitespace(value.charAt(first))) {
      first++;
    }
    if (first == value.length()) {
      return value;
    }
    char[] out = new char[value.length()];
    value.getChars(0, first, out, 0);
    int length = first;
    for (int i = first + 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isFoldingWhitespace(c)) {
        out[length++] = c;
      }
    }
    return new String(out, 0, length);
  }

  private static String stripFoldingWhitespace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isFoldingWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isFoldingWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isFoldingWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean validName(String name) {
    if (name.isEmpty() || !isAlpha(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
