package org.postern.sieve.match;

/**
 * {@code i;unicode-casemap} (RFC 5051), simplified: characters compare after simple Unicode case
 * folding, one UTF-16 unit at a time; the canonical decomposition step of RFC 5051 is not applied.
 */
public final class UnicodeCaseMapComparator implements Comparator {

  /** The single instance. */
  public static final UnicodeCaseMapComparator INSTANCE = new UnicodeCaseMapComparator();

  private UnicodeCaseMapComparator() {}

  @Override
  public String name() {
    return "i;unicode-casemap";
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
    return Character.toLowerCase(Character.toUpperCase(c));
  }
}
