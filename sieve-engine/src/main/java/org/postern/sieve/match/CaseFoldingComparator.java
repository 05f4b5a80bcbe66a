package org.postern.sieve.match;

/** A comparator that compares strings character by character after folding each character. */
abstract class CaseFoldingComparator implements Comparator {

  /** The character as it compares: the same for every case variant. */
  abstract char fold(char c);

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
}
