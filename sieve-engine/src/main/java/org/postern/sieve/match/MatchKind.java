package org.postern.sieve.match;

/** The match types of RFC 5228, RFC 5231 (relational), RFC 6134 (extlists) and the regex draft. */
public enum MatchKind {
  /** {@code :is} */
  IS,
  /** {@code :contains} */
  CONTAINS,
  /** {@code :matches} */
  MATCHES,
  /** {@code :regex} */
  REGEX,
  /** {@code :value "op"} */
  VALUE,
  /** {@code :count "op"} */
  COUNT,
  /** {@code :list} (RFC 6134): the keys name external lists the values are looked up in. */
  LIST
}
