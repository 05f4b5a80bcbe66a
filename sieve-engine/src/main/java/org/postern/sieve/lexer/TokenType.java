package org.postern.sieve.lexer;

/** The lexical classes of RFC 5228 section 8.1. */
public enum TokenType {
  /** A command or test name. */
  IDENTIFIER,
  /** A tagged argument such as {@code :contains}; text excludes the colon. */
  TAG,
  /** A number, with its K/M/G quantifier already applied. */
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
  /** End of the script. */
  END
}
