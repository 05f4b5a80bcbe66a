package org.postern.sieve.match;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code :matches} wildcard language: {@code *} any sequence, {@code ?} one character, {@code
 * \} escapes the next. Runs in O(n*m) without recursion; each wildcard matches as little as
 * possible, which gives the RFC 5229 match variables.
 */
public final class Wildcards {

  private Wildcards() {}

  /**
   * Matches {@code value} against {@code pattern}; on success returns the substrings matched by the
   * wildcards in order (empty list when there are none), else {@code null}.
   */
  public static List<String> match(String value, String pattern, Comparator comparator) {
    // Compile the pattern into literal chars and wildcard markers.
    int patternLength = 0;
    char[] chars = new char[pattern.length()];
    byte[] kinds = new byte[pattern.length()]; // 0 literal, 1 '*', 2 '?'
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        chars[patternLength] = pattern.charAt(++i);
        kinds[patternLength++] = 0;
      } else if (c == '*') {
        kinds[patternLength++] = 1;
      } else if (c == '?') {
        kinds[patternLength++] = 2;
      } else {
        chars[patternLength] = c;
        kinds[patternLength++] = 0;
      }
    }
    int[] starts = new int[patternLength];
    int[] ends = new int[patternLength];
    int p = 0;
    int v = 0;
    int starPattern = -1;
    int starValue = -1;
    while (v < value.length()) {
      if (p < patternLength && kinds[p] == 2) {
        starts[p] = v;
        ends[p] = v + 1;
        p++;
        v++;
      } else if (p < patternLength
          && kinds[p] == 0
          && comparator.sameChar(value.charAt(v), chars[p])) {
        p++;
        v++;
      } else if (p < patternLength && kinds[p] == 1) {
        starPattern = p;
        starValue = v;
        starts[p] = v;
        ends[p] = v;
        p++;
      } else if (starPattern >= 0) {
        p = starPattern + 1;
        starValue++;
        ends[starPattern] = starValue;
        v = starValue;
      } else {
        return null;
      }
    }
    while (p < patternLength && kinds[p] == 1) {
      starts[p] = v;
      ends[p] = v;
      p++;
    }
    if (p != patternLength) {
      return null;
    }
    List<String> captures = new ArrayList<>();
    for (int i = 0; i < patternLength; i++) {
      if (kinds[i] != 0) {
        captures.add(value.substring(starts[i], ends[i]));
      }
    }
    return captures;
  }

  /** Escapes {@code *}, {@code ?} and {@code \} so the text matches literally. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
