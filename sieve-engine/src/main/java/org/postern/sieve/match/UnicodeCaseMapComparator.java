package org.postern.sieve.match;

/**
 * {@code i;unicode-casemap} (RFC 5051), simplified: characters compare after simple Unicode case
 * folding, one UTF-16 unit at a time; the canonical decomposition step of RFC 5051 is not applied.
 */
public final class UnicodeCaseMapComparator extends CaseFoldingComparator {

  /** The single instance. */
  public static final UnicodeCaseMapComparator INSTANCE = new UnicodeCaseMapComparator();

  private UnicodeCaseMapComparator() {}

  @Override
  public String name() {
    return "i;unicode-casemap";
  }

  @Override
  char fold(char c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }
}
