package org.postern.sieve.lexer;

/** The lexical classes of RFC 5228 section 8.1. */
public enum TokenType {
  /** A command or test name. */
  IDENTIFIER,
  /** A tagged argument such as {@code :contains}; text excludes the colon. */
  TAG,
  /** A number, with its K/M/G quantifier applied; unsigned 64 bits (up to 2^64-1). */
  NUMBER,
  /** A quoted or multi-line string, unescaped. */
  STRING,
  /** {@code [} */
  LEFT_BRACKET,
  /** {@code ]} */
  RIGHT_BRACKET,
  /** {@code (} */
  LEFT_PAREN,
  /** {@code )} */
  RIGHT_PAREN,
  /** {@code {} */
  LEFT_BRACE,
  /** {@code }} */
  RIGHT_BRACE,
  /** {@code ,} */
  COMMA,
  /** {@code ;} */
  SEMICOLON,
  /** Characters that start no token; the lexer reported the run once. */
  GARBAGE,
  /** A malformed token the lexer already reported; the parser adds no error of its own for it. */
  ERROR,
  /** End of the script. */
  END
}
