package org.postern.sieve.parser;

/** Where a syntax element starts in the script (1-based). */
public record Position(int line, int column) {

  /** Position of elements built in code rather than parsed. */
  public static final Position NONE = new Position(0, 0);
}
