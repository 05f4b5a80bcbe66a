package org.postern.sieve.match;

/** {@code i;ascii-casemap}: ASCII letters compare case-insensitively, everything else exactly. */
public final class AsciiCaseMapComparator extends CaseFoldingComparator {

  /** The single instance. */
  public static final AsciiCaseMapComparator INSTANCE = new AsciiCaseMapComparator();

  private AsciiCaseMapComparator() {}

  @Override
  public String name() {
    return "i;ascii-casemap";
  }

  @Override
  char fold(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
