package org.postern.sieve.match;

/** {@code i;octet}: exact comparison of the string's code units. */
public final class OctetComparator implements Comparator {

  /** The single instance. */
  public static final OctetComparator INSTANCE = new OctetComparator();

  private OctetComparator() {}

  @Override
  public String name() {
    return "i;octet";
  }

  @Override
  public boolean supportsSubstring() {
    return true;
  }

  @Override
  public boolean equal(String value, String key) {
    return value.equals(key);
  }

  @Override
  public int compare(String value, String key) {
    return value.compareTo(key);
  }

  @Override
  public boolean sameChar(char a, char b) {
    return a == b;
  }
}
