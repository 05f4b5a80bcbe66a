package org.postern.sieve.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postern.sieve.SieveCompileException;
import org.postern.sieve.SieveDiagnostic;
import org.postern.sieve.lexer.Lexer;
import org.postern.sieve.lexer.Token;
import org.postern.sieve.lexer.TokenType;

/**
 * Recursive-descent parser for the RFC 5228 grammar. After a syntax error it skips to the end of
 * the enclosing string list, test list, command or block (minding nesting) and goes on, so the
 * errors of a script are reported together; the error counts follow Pigeonhole's parser. No error
 * is added at a token the lexer already reported.
 */
public final class Parser {

  /** The most arguments one command or test may have, as in Pigeonhole. */
  public static final int MAX_ARGUMENTS = 32;

  /** The default limit on nested blocks and on nested tests. */
  public static final int DEFAULT_MAX_NESTING = 32;

  private final List<Token> tokens;
  private final List<SieveDiagnostic> diagnostics;
  private final int maxNesting;
  private int index;
  private boolean valid = true;

  private Parser(List<Token> tokens, List<SieveDiagnostic> diagnostics, int maxNesting) {
    this.tokens = tokens;
    this.diagnostics = diagnostics;
    this.maxNesting = maxNesting;
  }

  /** Parses {@code source}; throws with all lexical and syntax errors if there are any. */
  public static ScriptNode parse(String source) throws SieveCompileException {
    List<SieveDiagnostic> diagnostics = new ArrayList<>();
    ScriptNode script = parse(source, diagnostics);
    if (!diagnostics.isEmpty()) {
      throw new SieveCompileException(diagnostics);
    }
    return script;
  }

  /** Parses {@code source}, appending problems to {@code diagnostics} instead of throwing. */
  public static ScriptNode parse(String source, List<SieveDiagnostic> diagnostics) {
    return parse(source, diagnostics, DEFAULT_MAX_NESTING);
  }

  /**
   * Parses {@code source} allowing blocks and tests to nest {@code maxNesting} levels counting the
   * script itself (so {@code maxNesting - 1} nested blocks), appending problems to {@code
   * diagnostics}. The tree is only meaningful when no problem was added.
   */
  public static ScriptNode parse(String source, List<SieveDiagnostic> diagnostics, int maxNesting) {
    List<Token> tokens = new Lexer(source, diagnostics).tokenize();
    Parser parser = new Parser(tokens, diagnostics, maxNesting);
    List<CommandNode> commands = new ArrayList<>();
    if (parser.commands(commands, 1) && parser.valid && parser.peek().type() != TokenType.END) {
      Token stray = parser.peek();
      parser.error(
          stray,
          "unexpected "
              + stray.describe()
              + " where a command should start"
              + (stray.type() == TokenType.RIGHT_BRACE ? " (a '}' without its '{')" : ""));
    }
    return new ScriptNode(commands);
  }

  /**
   * commands = *command; command = identifier arguments (";" / block). Returns whether the parser
   * is in a defined state (otherwise the caller recovers).
   */
  private boolean commands(List<CommandNode> into, int depth) {
    boolean defined = true;
    while (defined && peek().type() == TokenType.IDENTIFIER) {
      Token name = next();
      Parts parts = new Parts();
      defined = arguments(parts, name, 1);
      Token end = peek();
      if (defined && end.type() != TokenType.SEMICOLON && end.type() != TokenType.LEFT_BRACE) {
        error(
            end,
            "expected ';' or '{' after command '"
                + name.text()
                + "' but found "
                + end.describe()
                + (end.type() == TokenType.IDENTIFIER
                    ? " (missing ';' after the previous command?)"
                    : ""));
        defined = false;
      }
      if (!defined) {
        defined = recover(TokenType.SEMICOLON);
      }
      if (!defined) {
        return false;
      }
      Optional<List<CommandNode>> block = Optional.empty();
      Token open = next();
      if (open.type() == TokenType.LEFT_BRACE) {
        if (depth + 1 > maxNesting) {
          error(open, "blocks nested deeper than the limit of " + maxNesting + " levels");
          defined = recover(TokenType.RIGHT_BRACE);
          if (defined) {
            index++;
          }
        } else {
          List<CommandNode> inner = new ArrayList<>();
          block = Optional.of(inner);
          if (commands(inner, depth + 1)) {
            Token close = peek();
            if (close.type() != TokenType.RIGHT_BRACE) {
              error(
                  close,
                  "missing '}' to close the block opened at "
                      + open.line()
                      + ":"
                      + open.column()
                      + ", found "
                      + close.describe());
              defined = recover(TokenType.RIGHT_BRACE);
            } else {
              index++;
            }
          } else {
            defined = recover(TokenType.RIGHT_BRACE);
            if (defined) {
              index++;
            }
          }
        }
      }
      into.add(
          new CommandNode(
              name.text(), parts.arguments, parts.tests, parts.testList, block, at(name)));
    }
    return defined;
  }

  /** The arguments, test and tests of one command or test, gathered while parsing. */
  private static final class Parts {
    final List<Argument> arguments = new ArrayList<>();
    final List<TestNode> tests = new ArrayList<>();
    boolean testList;
  }

  /**
   * arguments = *argument [test / test-list]. {@code depth} is the nesting of the command or test
   * owning them. Returns whether the parser is in a defined state.
   */
  private boolean arguments(Parts parts, Token owner, int depth) {
    boolean defined = true;
    boolean more = true;
    while (more && defined) {
      Token token = peek();
      switch (token.type()) {
        case LEFT_BRACKET -> defined = stringList(parts);
        case STRING -> {
          index++;
          parts.arguments.add(new StringArgument(token.text(), at(token)));
        }
        case NUMBER -> {
          index++;
          parts.arguments.add(new NumberArgument(token.number(), at(token)));
        }
        case TAG -> {
          index++;
          parts.arguments.add(new TagArgument(token.text(), at(token)));
        }
        default -> more = false;
      }
      if (more && parts.arguments.size() > MAX_ARGUMENTS) {
        error(
            token,
            "too many arguments for '"
                + owner.text()
                + "': at most "
                + MAX_ARGUMENTS
                + " are allowed");
        return false;
      }
    }
    if (!defined) {
      return false;
    }
    Token token = peek();
    if (token.type() == TokenType.IDENTIFIER) {
      if (depth + 1 > maxNesting) {
        error(token, "tests nested deeper than the limit of " + maxNesting + " levels");
        return false;
      }
      TestNode test = test(token, depth + 1);
      if (test == null) {
        return false;
      }
      parts.tests.add(test);
      return true;
    }
    if (token.type() == TokenType.LEFT_PAREN) {
      return testList(parts, depth);
    }
    return true;
  }

  /** A test and its arguments; null when they leave the parser in an undefined state. */
  private TestNode test(Token name, int depth) {
    index++;
    Parts parts = new Parts();
    if (!arguments(parts, name, depth)) {
      return null;
    }
    return new TestNode(name.text(), parts.arguments, parts.tests, parts.testList, at(name));
  }

  /** test-list = "(" test *("," test) ")". */
  private boolean testList(Parts parts, int depth) {
    Token open = next();
    if (depth + 1 > maxNesting) {
      error(open, "tests nested deeper than the limit of " + maxNesting + " levels");
      return skipPast(TokenType.RIGHT_PAREN);
    }
    parts.testList = true;
    boolean defined = true;
    Token first = peek();
    if (first.type() == TokenType.IDENTIFIER) {
      TestNode test = test(first, depth + 1);
      if (test != null) {
        parts.tests.add(test);
        while (peek().type() == TokenType.COMMA) {
          index++;
          Token name = peek();
          if (name.type() != TokenType.IDENTIFIER) {
            error(name, "expected a test after ',' in the test list but found " + name.describe());
            defined = recover(TokenType.RIGHT_PAREN);
            break;
          }
          TestNode another = test(name, depth + 1);
          if (another == null) {
            defined = recover(TokenType.RIGHT_PAREN);
            break;
          }
          parts.tests.add(another);
        }
      } else {
        defined = recover(TokenType.RIGHT_PAREN);
      }
    } else {
      error(first, "expected a test after '(' but found " + first.describe());
      defined = recover(TokenType.RIGHT_PAREN);
    }
    Token close = peek();
    if (close.type() == TokenType.RIGHT_PAREN) {
      index++;
      return defined;
    }
    error(close, "expected ',' or ')' in the test list but found " + close.describe());
    return skipPast(TokenType.RIGHT_PAREN);
  }

  /** string-list = "[" string *("," string) "]". */
  private boolean stringList(Parts parts) {
    Token open = next();
    List<String> values = new ArrayList<>();
    boolean defined = true;
    Token first = peek();
    if (first.type() == TokenType.STRING) {
      index++;
      values.add(first.text());
      while (peek().type() == TokenType.COMMA) {
        index++;
        Token value = peek();
        if (value.type() != TokenType.STRING) {
          error(
              value,
              "expected a string after ',' in the string list but found " + value.describe());
          defined = recover(TokenType.RIGHT_BRACKET);
          break;
        }
        index++;
        values.add(value.text());
      }
    } else {
      error(first, "expected a string after '[' but found " + first.describe());
      defined = recover(TokenType.RIGHT_BRACKET);
    }
    parts.arguments.add(new StringListArgument(values, at(open)));
    Token close = peek();
    if (close.type() == TokenType.RIGHT_BRACKET) {
      index++;
      return defined;
    }
    error(close, "expected ',' or ']' in the string list but found " + close.describe());
    return skipPast(TokenType.RIGHT_BRACKET);
  }

  /** Recovers to {@code end} and steps over it when found. */
  private boolean skipPast(TokenType end) {
    boolean found = recover(end);
    if (found) {
      index++;
    }
    return found;
  }

  /**
   * Skips the rest of a broken string list, test list, command or block: stops at the {@code end}
   * token closing it (counting nested ones), without passing a token of a larger structure. A
   * command's recovery also stops before a '{' (its block is parsed). Returns whether {@code end}
   * (or that '{') was reached; the token stays current.
   */
  private boolean recover(TokenType end) {
    int level = level(end);
    TokenType begin = opening(end);
    int nesting = 1;
    while (peek().type() != TokenType.END && level(peek().type()) <= level) {
      TokenType type = peek().type();
      if (type == begin) {
        nesting++;
      } else if (type == end && --nesting == 0) {
        return true;
      }
      index++;
    }
    return end == TokenType.SEMICOLON && peek().type() == TokenType.LEFT_BRACE;
  }

  /** How large a structure a token delimits: string list, test list, command, block. */
  private static int level(TokenType type) {
    return switch (type) {
      case LEFT_BRACKET, RIGHT_BRACKET -> 0;
      case LEFT_PAREN, RIGHT_PAREN -> 1;
      case SEMICOLON -> 2;
      case LEFT_BRACE, RIGHT_BRACE -> 3;
      default -> -1;
    };
  }

  private static TokenType opening(TokenType end) {
    return switch (end) {
      case RIGHT_BRACKET -> TokenType.LEFT_BRACKET;
      case RIGHT_PAREN -> TokenType.LEFT_PAREN;
      case RIGHT_BRACE -> TokenType.LEFT_BRACE;
      default -> null;
    };
  }

  private Token peek() {
    return tokens.get(Math.min(index, tokens.size() - 1));
  }

  private Token next() {
    Token token = peek();
    index++;
    return token;
  }

  private static Position at(Token token) {
    return new Position(token.line(), token.column());
  }

  /** Records a syntax error, unless the lexer already reported this token. */
  private void error(Token token, String message) {
    valid = false;
    if (token.type() != TokenType.ERROR) {
      diagnostics.add(new SieveDiagnostic(token.line(), token.column(), message));
    }
  }
}
