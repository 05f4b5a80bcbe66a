package org.postern.sieve.lexer;

/**
 * One token: its type, its text (identifier, tag name or unescaped string), its numeric value for
 * numbers, and where it starts.
 */
public record Token(TokenType type, String text, long number, int line, int column) {

  /** Describes the token for error messages, e.g. {@code identifier "if"}. */
  public String describe() {
    return switch (type) {
      case IDENTIFIER -> "identifier '" + text + "'";
      case TAG -> "tag ':" + text + "'";
      case NUMBER -> "number " + number;
      case STRING -> "string";
      case END -> "end of script";
      default -> "'" + text + "'";
    };
  }
}
