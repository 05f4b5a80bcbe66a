package org.postern.sieve.lexer;

import java.util.ArrayList;
import java.util.List;
import org.postern.sieve.SieveDiagnostic;

/**
 * Splits a script into tokens (RFC 5228 section 8.1). Problems are added to the diagnostics list
 * and scanning continues, so one run reports every lexical error. A malformed token becomes an
 * {@link TokenType#ERROR} token and a run of characters starting no token one {@link
 * TokenType#GARBAGE} token, each reported once, so the parser need not report them again.
 */
public final class Lexer {

  /** The longest identifier or tag name, as in Pigeonhole. */
  public static final int MAX_IDENTIFIER_LENGTH = 32;

  /** The largest number, 2^64-1, held in a long as an unsigned value. */
  private static final long MAX_NUMBER = -1L;

  private final String source;
  private final List<SieveDiagnostic> diagnostics;
  private int offset;
  private int line = 1;
  private int column = 1;

  /** Creates a lexer over {@code source} that appends problems to {@code diagnostics}. */
  public Lexer(String source, List<SieveDiagnostic> diagnostics) {
    this.source = source;
    this.diagnostics = diagnostics;
  }

  /** Scans the whole script; the last token is always {@link TokenType#END}. */
  public List<Token> tokenize() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      Token token = next();
      tokens.add(token);
      if (token.type() == TokenType.END) {
        return tokens;
      }
    }
  }

  private Token next() {
    while (true) {
      skipWhitespace();
      if (atEnd()) {
        return new Token(TokenType.END, "", 0, line, column);
      }
      int startLine = line;
      int startColumn = column;
      char c = peek();
      if (c == '#') {
        while (!atEnd() && peek() != '\n') {
          advance();
        }
        continue;
      }
      if (c == '/' && peekAt(1) == '*') {
        advance();
        advance();
        boolean closed = false;
        while (!atEnd()) {
          if (peek() == '*' && peekAt(1) == '/') {
            advance();
            advance();
            closed = true;
            break;
          }
          advance();
        }
        if (!closed) {
          return error(startLine, startColumn, "unterminated comment: '/*' needs a closing '*/'");
        }
        continue;
      }
      if (c == '/') {
        advance();
        return error(startLine, startColumn, "unexpected '/': comments start with '/*' or '#'");
      }
      switch (c) {
        case '[':
          return punct(TokenType.LEFT_BRACKET, startLine, startColumn);
        case ']':
          return punct(TokenType.RIGHT_BRACKET, startLine, startColumn);
        case '(':
          return punct(TokenType.LEFT_PAREN, startLine, startColumn);
        case ')':
          return punct(TokenType.RIGHT_PAREN, startLine, startColumn);
        case '{':
          return punct(TokenType.LEFT_BRACE, startLine, startColumn);
        case '}':
          return punct(TokenType.RIGHT_BRACE, startLine, startColumn);
        case ',':
          return punct(TokenType.COMMA, startLine, startColumn);
        case ';':
          return punct(TokenType.SEMICOLON, startLine, startColumn);
        case '"':
          return quotedString(startLine, startColumn);
        case ':':
          return tag(startLine, startColumn);
        default:
          break;
      }
      if (c >= '0' && c <= '9') {
        return number(startLine, startColumn);
      }
      if (isIdentifierStart(c)) {
        String word = identifier();
        if (word.equalsIgnoreCase("text") && !atEnd() && peek() == ':') {
          advance();
          return multiLine(startLine, startColumn);
        }
        if (word.length() > MAX_IDENTIFIER_LENGTH) {
          return tooLong("identifier '", word, startLine, startColumn);
        }
        return new Token(TokenType.IDENTIFIER, word, 0, startLine, startColumn);
      }
      // One error for the whole run: a stray "$$$" is one mistake, not three.
      while (!atEnd() && !startsToken(peek())) {
        advance();
      }
      diagnostics.add(
          new SieveDiagnostic(
              startLine,
              startColumn,
              "unexpected character(s) starting with "
                  + printable(c)
                  + ": not part of any Sieve token (strings need double quotes)"));
      return new Token(TokenType.GARBAGE, "", 0, startLine, startColumn);
    }
  }

  /** Whether {@code c} can start a token, whitespace or comment (ends a run of garbage). */
  private static boolean startsToken(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9') || "[](){},;\":#/ \t\r\n".indexOf(c) >= 0;
  }

  private Token tooLong(String kind, String word, int startLine, int startColumn) {
    return error(
        startLine,
        startColumn,
        "encountered impossibly long "
            + kind
            + word.substring(0, MAX_IDENTIFIER_LENGTH)
            + "...': names are at most "
            + MAX_IDENTIFIER_LENGTH
            + " characters");
  }

  private Token punct(TokenType type, int startLine, int startColumn) {
    char c = advance();
    return new Token(type, String.valueOf(c), 0, startLine, startColumn);
  }

  private Token tag(int startLine, int startColumn) {
    advance();
    if (atEnd() || !isIdentifierStart(peek())) {
      return error(startLine, startColumn, "':' must be followed by a tag name such as ':is'");
    }
    String name = identifier();
    if (name.length() > MAX_IDENTIFIER_LENGTH) {
      return tooLong("tag identifier ':", name, startLine, startColumn);
    }
    return new Token(TokenType.TAG, name, 0, startLine, startColumn);
  }

  private String identifier() {
    int start = offset;
    while (!atEnd() && isIdentifierPart(peek())) {
      advance();
    }
    return source.substring(start, offset);
  }

  private Token number(int startLine, int startColumn) {
    int start = offset;
    while (!atEnd() && Character.isDigit(peek()) && peek() < 128) {
      advance();
    }
    String digits = source.substring(start, offset);
    int shift = 0;
    if (!atEnd()) {
      switch (Character.toUpperCase(peek())) {
        case 'K' -> shift = 10;
        case 'M' -> shift = 20;
        case 'G' -> shift = 30;
        default -> shift = 0;
      }
      if (shift != 0) {
        advance();
      }
    }
    long value;
    try {
      value = Long.parseUnsignedLong(digits);
    } catch (NumberFormatException e) {
      value = 0;
      shift = -1;
    }
    if (shift < 0 || Long.compareUnsigned(value, MAX_NUMBER >>> shift) > 0) {
      return error(
          startLine,
          startColumn,
          "number "
              + source.substring(start, offset)
              + " is too large: numbers (with K, M or G applied) go up to "
              + Long.toUnsignedString(MAX_NUMBER));
    }
    value <<= shift;
    if (!atEnd() && isIdentifierStart(peek())) {
      int badLine = line;
      int badColumn = column;
      char bad = peek();
      identifier();
      return error(
          badLine,
          badColumn,
          "a number may only be followed by K, M or G; found " + printable(bad));
    }
    return new Token(
        TokenType.NUMBER, source.substring(start, offset), value, startLine, startColumn);
  }

  private Token quotedString(int startLine, int startColumn) {
    advance();
    StringBuilder value = new StringBuilder();
    while (true) {
      if (atEnd()) {
        return error(startLine, startColumn, "unterminated string: add a closing '\"'");
      }
      char c = advance();
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (atEnd()) {
          continue;
        }
        // RFC 5228 2.4.2: "\" followed by any character stands for that character.
        value.append(advance());
        continue;
      }
      value.append(c);
    }
    return new Token(TokenType.STRING, crlfLineBreaks(value), 0, startLine, startColumn);
  }

  /**
   * Line breaks inside a quoted string become CRLF, as in {@code text:} strings: a bare LF is
   * accepted and converted, as Pigeonhole does, so both string forms give the same value.
   */
  private static String crlfLineBreaks(StringBuilder value) {
    if (value.indexOf("\n") < 0) {
      return value.toString();
    }
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' && (i == 0 || value.charAt(i - 1) != '\r')) {
        out.append('\r');
      }
      out.append(c);
    }
    return out.toString();
  }

  private Token multiLine(int startLine, int startColumn) {
    // text: then optional whitespace and an optional hash comment up to the end of the line.
    while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
      advance();
    }
    if (!atEnd() && peek() == '#') {
      while (!atEnd() && peek() != '\n') {
        advance();
      }
    }
    if (!atEnd() && peek() == '\r') {
      advance();
    }
    boolean badStart = false;
    int badLine = line;
    int badColumn = column;
    if (atEnd() || peek() != '\n') {
      badStart = true;
      while (!atEnd() && peek() != '\n') {
        advance();
      }
    }
    if (!atEnd()) {
      advance();
    }
    StringBuilder value = new StringBuilder();
    while (true) {
      if (atEnd()) {
        return unterminatedText(startLine, startColumn);
      }
      int start = offset;
      while (!atEnd() && peek() != '\n') {
        advance();
      }
      String content = source.substring(start, offset);
      if (content.endsWith("\r")) {
        content = content.substring(0, content.length() - 1);
      }
      boolean hadNewline = !atEnd();
      if (hadNewline) {
        advance();
      }
      if (content.equals(".")) {
        break;
      }
      // Dot-stuffing: a leading ".." stands for ".".
      if (content.startsWith("..")) {
        content = content.substring(1);
      }
      value.append(content).append("\r\n");
      if (!hadNewline) {
        return unterminatedText(startLine, startColumn);
      }
    }
    if (badStart) {
      return error(badLine, badColumn, "'text:' must be followed by the end of the line");
    }
    return new Token(TokenType.STRING, value.toString(), 0, startLine, startColumn);
  }

  private Token unterminatedText(int startLine, int startColumn) {
    return error(
        startLine, startColumn, "unterminated 'text:' string: end it with a line holding '.'");
  }

  private void skipWhitespace() {
    while (!atEnd()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        advance();
      } else {
        return;
      }
    }
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  private static String printable(char c) {
    if (c < 0x20 || c == 0x7f) {
      return String.format("\\x%02X", (int) c);
    }
    return "'" + c + "'";
  }

  private boolean atEnd() {
    return offset >= source.length();
  }

  private char peek() {
    return source.charAt(offset);
  }

  private char peekAt(int ahead) {
    int index = offset + ahead;
    return index < source.length() ? source.charAt(index) : '\0';
  }

  private char advance() {
    char c = source.charAt(offset++);
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return c;
  }

  /** Reports a malformed token and stands in an {@link TokenType#ERROR} token for it. */
  private Token error(int atLine, int atColumn, String message) {
    diagnostics.add(new SieveDiagnostic(atLine, atColumn, message));
    return new Token(TokenType.ERROR, "", 0, atLine, atColumn);
  }
}
