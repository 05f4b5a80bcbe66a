package org.postern.sieve.match;

import java.util.Locale;

/** The relational operators of RFC 5231. */
public enum Relation {
  /** greater than */
  GT,
  /** greater or equal */
  GE,
  /** less than */
  LT,
  /** less or equal */
  LE,
  /** equal */
  EQ,
  /** not equal */
  NE;

  /** The operator named by {@code text} ({@code "gt"}...), or {@code null}. */
  public static Relation named(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether a comparison result {@code order} satisfies the operator. */
  public boolean holds(int order) {
    return switch (this) {
      case GT -> order > 0;
      case GE -> order >= 0;
      case LT -> order < 0;
      case LE -> order <= 0;
      case EQ -> order == 0;
      case NE -> order != 0;
    };
  }
}
