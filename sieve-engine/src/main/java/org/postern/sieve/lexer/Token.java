package org.postern.sieve.lexer;

/**
 * One token: its type, its text (identifier, tag name or unescaped string), its numeric value for
 * numbers (unsigned 64 bits: read with {@link Long#toUnsignedString}), and where it starts.
 */
public record Token(TokenType type, String text, long number, int line, int column) {

  /** Describes the token for error messages, e.g. {@code identifier "if"}. */
  public String describe() {
    return switch (type) {
      case IDENTIFIER -> "identifier '" + text + "'";
      case TAG -> "tag ':" + text + "'";
      case NUMBER -> "number " + Long.toUnsignedString(number);
      case STRING -> "string";
      case END -> "end of script";
      case GARBAGE -> "unexpected characters";
      case ERROR -> "a malformed token";
      default -> "'" + text + "'";
    };
  }
}
