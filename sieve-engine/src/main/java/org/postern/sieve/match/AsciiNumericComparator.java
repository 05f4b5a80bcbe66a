package org.postern.sieve.match;

import java.math.BigInteger;

/**
 * {@code i;ascii-numeric} (RFC 4790 9.1): compares the leading decimal digits as unsigned numbers;
 * a string not starting with a digit is positive infinity.
 */
public final class AsciiNumericComparator implements Comparator {

  /** The single instance. */
  public static final AsciiNumericComparator INSTANCE = new AsciiNumericComparator();

  private AsciiNumericComparator() {}

  @Override
  public String name() {
    return "i;ascii-numeric";
  }

  @Override
  public boolean supportsSubstring() {
    return false;
  }

  @Override
  public boolean equal(String value, String key) {
    return compare(value, key) == 0;
  }

  @Override
  public int compare(String value, String key) {
    BigInteger left = numeric(value);
    BigInteger right = numeric(key);
    if (left == null) {
      return right == null ? 0 : 1;
    }
    if (right == null) {
      return -1;
    }
    return left.compareTo(right);
  }

  @Override
  public boolean sameChar(char a, char b) {
    return a == b;
  }

  private static BigInteger numeric(String value) {
    int end = 0;
    while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
      end++;
    }
    return end == 0 ? null : new BigInteger(value.substring(0, end));
  }
}
