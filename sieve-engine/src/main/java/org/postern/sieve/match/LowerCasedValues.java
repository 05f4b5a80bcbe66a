package org.postern.sieve.match;

import java.util.List;

/**
 * The values of the last test, with ASCII letters lower-cased for the next test on the same values:
 * a generated filter runs hundreds of {@code :contains} tests on the same header value, which is
 * then folded once per message instead of once per test. One per run; not thread-safe.
 */
public final class LowerCasedValues {

  private String[] source = new String[0];
  private List<String> lowered;

  /**
   * {@code values} with ASCII letters lower-cased, in order, when the previous call had the same
   * values; else {@code null}, and they are remembered: folding pays only for repeated tests.
   */
  public List<String> of(List<String> values) {
    if (sameStrings(values)) {
      if (lowered == null) {
        String[] folded = new String[source.length];
        for (int i = 0; i < source.length; i++) {
          folded[i] = toLowerCase(source[i]);
        }
        lowered = List.of(folded);
      }
      return lowered;
    }
    source = values.toArray(new String[0]);
    lowered = null;
    return null;
  }

  // The same string objects (not only equal ones): cheap, and safe whatever the list is.
  private boolean sameStrings(List<String> values) {
    if (values.size() != source.length) {
      return false;
    }
    for (int i = 0; i < source.length; i++) {
      if (values.get(i) != source[i]) {
        return false;
      }
    }
    return true;
  }

  /** {@code text} with ASCII letters lower-cased (the {@code i;ascii-casemap} folding). */
  public static String toLowerCase(String text) {
    int first = 0;
    while (first < text.length() && !isUpper(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (int i = first; i < chars.length; i++) {
      if (isUpper(chars[i])) {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
