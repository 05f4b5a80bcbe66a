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
 * Recursive-descent parser for the RFC 5228 grammar. On a syntax error it records a diagnostic and
 * resumes after the next {@code ;} or {@code }}, so every error of a script is reported.
 */
public final class Parser {

  private static final int MAX_SYNTAX_DEPTH = 256;

  private final List<Token> tokens;
  private final List<SieveDiagnostic> diagnostics;
  private int index;
  private int depth;

  private Parser(List<Token> tokens, List<SieveDiagnostic> diagnostics) {
    this.tokens = tokens;
    this.diagnostics = diagnostics;
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
    List<Token> tokens = new Lexer(source, diagnostics).tokenize();
    Parser parser = new Parser(tokens, diagnostics);
    return new ScriptNode(parser.commands(true));
  }

  private List<CommandNode> commands(boolean topLevel) {
    List<CommandNode> commands = new ArrayList<>();
    while (true) {
      Token token = peek();
      if (token.type() == TokenType.END) {
        return commands;
      }
      if (token.type() == TokenType.RIGHT_BRACE) {
        if (!topLevel) {
          return commands;
        }
        error(token, "unexpected '}' without a matching '{'");
        index++;
        continue;
      }
      try {
        commands.add(command());
      } catch (SyntaxError e) {
        recover();
      }
    }
  }

  private CommandNode command() throws SyntaxError {
    Token name = peek();
    if (name.type() != TokenType.IDENTIFIER) {
      throw fail(name, "expected a command name but found " + name.describe());
    }
    index++;
    List<Argument> arguments = arguments();
    List<TestNode> tests = new ArrayList<>();
    boolean testList = tests(tests);
    Token end = peek();
    if (end.type() == TokenType.SEMICOLON) {
      index++;
      return new CommandNode(name.text(), arguments, tests, testList, Optional.empty(), at(name));
    }
    if (end.type() == TokenType.LEFT_BRACE) {
      index++;
      enter(end);
      List<CommandNode> block = commands(false);
      depth--;
      Token close = peek();
      if (close.type() != TokenType.RIGHT_BRACE) {
        error(close, "missing '}' to close the block opened at " + end.line() + ":" + end.column());
      } else {
        index++;
      }
      return new CommandNode(name.text(), arguments, tests, testList, Optional.of(block), at(name));
    }
    throw fail(
        end,
        "expected ';' or '{' after command '"
            + name.text()
            + "' but found "
            + end.describe()
            + (end.type() == TokenType.IDENTIFIER
                ? " (missing ';' after the previous command?)"
                : ""));
  }

  private List<Argument> arguments() throws SyntaxError {
    List<Argument> arguments = new ArrayList<>();
    while (true) {
      Token token = peek();
      switch (token.type()) {
        case STRING -> {
          index++;
          arguments.add(new StringArgument(token.text(), at(token)));
        }
        case NUMBER -> {
          index++;
          arguments.add(new NumberArgument(token.number(), at(token)));
        }
        case TAG -> {
          index++;
          arguments.add(new TagArgument(token.text(), at(token)));
        }
        case LEFT_BRACKET -> arguments.add(stringList());
        default -> {
          return arguments;
        }
      }
    }
  }

  private StringListArgument stringList() throws SyntaxError {
    Token open = peek();
    index++;
    List<String> values = new ArrayList<>();
    while (true) {
      Token token = peek();
      if (token.type() != TokenType.STRING) {
        throw fail(token, "expected a string in the string list but found " + token.describe());
      }
      index++;
      values.add(token.text());
      Token separator = peek();
      if (separator.type() == TokenType.COMMA) {
        index++;
        continue;
      }
      if (separator.type() == TokenType.RIGHT_BRACKET) {
        index++;
        return new StringListArgument(values, at(open));
      }
      throw fail(
          separator, "expected ',' or ']' in the string list but found " + separator.describe());
    }
  }

  /** Parses an optional test or test list into {@code tests}; returns whether it was a list. */
  private boolean tests(List<TestNode> tests) throws SyntaxError {
    Token token = peek();
    if (token.type() == TokenType.IDENTIFIER) {
      tests.add(test());
      return false;
    }
    if (token.type() == TokenType.LEFT_PAREN) {
      tests.addAll(testList());
      return true;
    }
    return false;
  }

  private List<TestNode> testList() throws SyntaxError {
    Token open = peek();
    index++;
    enter(open);
    List<TestNode> tests = new ArrayList<>();
    while (true) {
      tests.add(test());
      Token separator = peek();
      if (separator.type() == TokenType.COMMA) {
        index++;
        continue;
      }
      if (separator.type() == TokenType.RIGHT_PAREN) {
        index++;
        depth--;
        return tests;
      }
      throw fail(
          separator, "expected ',' or ')' in the test list but found " + separator.describe());
    }
  }

  private TestNode test() throws SyntaxError {
    Token name = peek();
    if (name.type() != TokenType.IDENTIFIER) {
      throw fail(name, "expected a test name but found " + name.describe());
    }
    index++;
    enter(name);
    List<Argument> arguments = arguments();
    List<TestNode> tests = new ArrayList<>();
    boolean testList = tests(tests);
    depth--;
    return new TestNode(name.text(), arguments, tests, testList, at(name));
  }

  private void enter(Token token) throws SyntaxError {
    if (++depth > MAX_SYNTAX_DEPTH) {
      throw fail(token, "nesting deeper than " + MAX_SYNTAX_DEPTH + " levels");
    }
  }

  /** Skips to just after the next ';' or to the next '}' (skipping nested blocks whole). */
  private void recover() {
    int braces = 0;
    while (true) {
      Token token = peek();
      switch (token.type()) {
        case END:
          return;
        case SEMICOLON:
          index++;
          if (braces == 0) {
            return;
          }
          break;
        case LEFT_BRACE:
          braces++;
          index++;
          break;
        case RIGHT_BRACE:
          if (braces == 0) {
            // Leave it for the enclosing block; at top level commands() reports it.
            if (depth > 0) {
              return;
            }
            index++;
            return;
          }
          braces--;
          index++;
          if (braces == 0) {
            return;
          }
          break;
        default:
          index++;
          break;
      }
    }
  }

  private Token peek() {
    return tokens.get(Math.min(index, tokens.size() - 1));
  }

  private static Position at(Token token) {
    return new Position(token.line(), token.column());
  }

  private void error(Token token, String message) {
    diagnostics.add(new SieveDiagnostic(token.line(), token.column(), message));
  }

  private SyntaxError fail(Token token, String message) {
    error(token, message);
    return new SyntaxError();
  }

  /** Unwinds to the recovery point; the diagnostic is already recorded. */
  private static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError() {
      super(null, null, false, false);
    }
  }
}
