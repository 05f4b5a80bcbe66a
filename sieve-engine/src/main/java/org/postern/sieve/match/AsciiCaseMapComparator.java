package org.postern.sieve.match;

/** {@code i;ascii-casemap}: ASCII letters compare case-insensitively, everything else exactly. */
public final class AsciiCaseMapComparator implements Comparator {

  /** The single instance. */
  public static final AsciiCaseMapComparator INSTANCE = new AsciiCaseMapComparator();

  private AsciiCaseMapComparator() {}

  @Override
  public String name() {
    return "i;ascii-casemap";
  }

  @Override
  public boolean supportsSubstring() {
    return true;
  }

  @Override
  public boolean equal(String value, String key) {
    if (value.length() != key.length()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!sameChar(value.charAt(i), key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compare(String value, String key) {
    int length = Math.min(value.length(), key.length());
    for (int i = 0; i < length; i++) {
      int difference = fold(value.charAt(i)) - fold(key.charAt(i));
      if (difference != 0) {
        return difference;
      }
    }
    return value.length() - key.length();
  }

  @Override
  public boolean sameChar(char a, char b) {
    return a == b || fold(a) == fold(b);
  }

  private static char fold(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
