package org.postern.sieve.match;

/** A Sieve comparator (RFC 4790): equality, substring and ordering over strings. */
public interface Comparator {

  /** The registered name, e.g. {@code i;ascii-casemap}. */
  String name();

  /** Whether the comparator supports substring operations (:contains, :matches). */
  boolean supportsSubstring();

  /** Equality under this comparator. */
  boolean equal(String value, String key);

  /** Ordering for relational tests: negative, zero or positive. */
  int compare(String value, String key);

  /** Whether {@code a} and {@code b} are equal characters under this comparator. */
  boolean sameChar(char a, char b);

  /** The comparator named {@code name}, or {@code null} if unknown. */
  static Comparator named(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "i;octet" -> OctetComparator.INSTANCE;
      case "i;ascii-casemap" -> AsciiCaseMapComparator.INSTANCE;
      case "i;ascii-numeric" -> AsciiNumericComparator.INSTANCE;
      case "i;unicode-casemap" -> UnicodeCaseMapComparator.INSTANCE;
      default -> null;
    };
  }
}
