package org.postern.sieve.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.SieveCompileException;

class ParserTest {

  @Test
  void parsesCommandsTestsBlocksAndArguments() throws Exception {
    ScriptNode script =
        Parser.parse(
            "require [\"fileinto\", \"copy\"];\n"
                + "# comment\n"
                + "if anyof (header :contains \"Subject\" \"x\", size :over 1K) {\n"
                + "  /* block comment */ fileinto :copy \"A\";\n"
                + "} else { keep; }\n");
    assertThat(script.commands()).hasSize(3);
    CommandNode ifCommand = script.commands().get(1);
    assertThat(ifCommand.name()).isEqualTo("if");
    TestNode anyof = ifCommand.tests().get(0);
    assertThat(ifCommand.testList()).isFalse();
    assertThat(anyof.tests()).hasSize(2);
    assertThat(anyof.testList()).isTrue();
    TestNode size = anyof.tests().get(1);
    assertThat(size.arguments())
        .containsExactly(
            new TagArgument("over", new Position(3, 48)),
            new NumberArgument(1024, new Position(3, 54)));
    assertThat(ifCommand.block().orElseThrow().get(0).arguments().get(1))
        .isEqualTo(new StringArgument("A", new Position(4, 38)));
  }

  @Test
  void anyofRecordsItsParenthesisedList() throws Exception {
    ScriptNode script = Parser.parse("if anyof (true) { stop; }");
    TestNode anyof = script.commands().get(0).tests().get(0);
    assertThat(anyof.testList()).isTrue();
  }

  @Test
  void quantifiersScaleNumbers() throws Exception {
    ScriptNode script = Parser.parse("x 2k 3M 1G 7;");
    assertThat(script.commands().get(0).arguments())
        .extracting(argument -> ((NumberArgument) argument).value())
        .containsExactly(2048L, 3L << 20, 1L << 30, 7L);
  }

  @Test
  void quotedStringsUnescape() throws Exception {
    ScriptNode script = Parser.parse("x \"a\\\"b\\\\c\\d\";");
    assertThat(((StringArgument) script.commands().get(0).arguments().get(0)).value())
        .isEqualTo("a\"b\\cd");
  }

  @Test
  void lineBreaksInQuotedStringsBecomeCrlfLikeMultiLineStrings() throws Exception {
    ScriptNode script =
        Parser.parse(
            "x \"Line 1\n.Line 2\r\n..Line 3\\\n\" text:\nLine 1\n.Line 2\n...Line 3\n.\n;");
    List<Argument> arguments = script.commands().get(0).arguments();
    assertThat(((StringArgument) arguments.get(0)).value())
        .isEqualTo("Line 1\r\n.Line 2\r\n..Line 3\r\n");
    assertThat(((StringArgument) arguments.get(1)).value())
        .isEqualTo("Line 1\r\n.Line 2\r\n..Line 3\r\n");
  }

  @Test
  void multiLineStringsRemoveDotStuffing() throws Exception {
    ScriptNode script = Parser.parse("x text: # note\nline one\n..dotted\n.\n;");
    assertThat(((StringArgument) script.commands().get(0).arguments().get(0)).value())
        .isEqualTo("line one\r\n.dotted\r\n");
  }

  @Test
  void reportsEveryErrorWithLineAndColumn() {
    String script = "keep\n];\nif true { discard }\nredirect [\"a\" \"b\"];\n";
    assertThatThrownBy(() -> Parser.parse(script))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e -> {
              assertThat(e.diagnostics()).hasSizeGreaterThanOrEqualTo(3);
              assertThat(e.diagnostics().get(0).line()).isEqualTo(2);
              assertThat(e.diagnostics().get(0).message()).contains("expected ';' or '{'");
              assertThat(e.diagnostics())
                  .anySatisfy(d -> assertThat(d.line()).isEqualTo(3))
                  .anySatisfy(
                      d -> {
                        assertThat(d.line()).isEqualTo(4);
                        assertThat(d.column()).isEqualTo(15);
                        assertThat(d.message()).contains("',' or ']'");
                      });
            });
  }

  @Test
  void unterminatedConstructsAreReported() {
    assertThatThrownBy(() -> Parser.parse("x \"abc;"))
        .isInstanceOf(SieveCompileException.class)
        .hasMessageContaining("1:3: unterminated string");
    assertThatThrownBy(() -> Parser.parse("/* never closed"))
        .hasMessageContaining("unterminated comment");
    assertThatThrownBy(() -> Parser.parse("x text:\nabc\n"))
        .hasMessageContaining("unterminated 'text:'");
    assertThatThrownBy(() -> Parser.parse("if true { keep;")).hasMessageContaining("missing '}'");
  }

  @Test
  void printerOutputParsesBack() throws Exception {
    String source =
        "require \"x\";\nif allof (not exists \"a\", header :is [\"b\", \"c\\\"\"] \"d\") {\n"
            + "  keep;\n}\nelsif true {\n  stop;\n}\n";
    ScriptNode script = Parser.parse(source);
    assertThat(Printer.print(script)).isEqualTo(source);
  }

  private static List<org.postern.sieve.SieveDiagnostic> problems(String source) {
    List<org.postern.sieve.SieveDiagnostic> diagnostics = new java.util.ArrayList<>();
    Parser.parse(source, diagnostics);
    return diagnostics;
  }

  @Test
  void numbersGoUpTo2To64Minus1() throws Exception {
    ScriptNode script = Parser.parse("size :under 18446744073709551615 16G;");
    NumberArgument largest = (NumberArgument) script.commands().get(0).arguments().get(1);
    assertThat(Long.toUnsignedString(largest.value())).isEqualTo("18446744073709551615");
    assertThat(Printer.print(script)).contains("18446744073709551615");
    assertThat(problems("size :under 18446744073709551616;"))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.toString())
                    .startsWith("1:13: number 18446744073709551616 is too large"));
    assertThat(problems("size :over 17179869184G;")).hasSize(1);
    assertThat(problems("size :over 17179869183G;")).isEmpty();
  }

  @Test
  void identifiersAndTagsAreAtMost32Characters() {
    String longest = "a".repeat(org.postern.sieve.lexer.Lexer.MAX_IDENTIFIER_LENGTH);
    assertThat(problems(longest + " :" + longest + ";")).isEmpty();
    assertThat(problems(longest + "b;"))
        .singleElement()
        .satisfies(d -> assertThat(d.message()).contains("impossibly long identifier"));
    assertThat(problems("keep :" + longest + "b;"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.column()).isEqualTo(6);
              assertThat(d.message()).contains("tag identifier");
            });
  }

  @Test
  void aRunOfUnexpectedCharactersIsOneLexicalErrorPlusTheSyntaxError() {
    List<org.postern.sieve.SieveDiagnostic> diagnostics = problems("keep $$$;\nstop;");
    assertThat(diagnostics).hasSize(2);
    assertThat(diagnostics.get(0).toString())
        .startsWith("1:6: unexpected character(s) starting with '$'");
    assertThat(diagnostics.get(1).message()).contains("expected ';' or '{' after command 'keep'");
    assertThat(problems("keep $ $;")).hasSize(3);
  }

  @Test
  void aCommandTakesAtMost32Arguments() {
    assertThat(problems("x" + " 1".repeat(32) + ";")).isEmpty();
    assertThat(problems("x" + " 1".repeat(33) + " { stop; }\nkeep;"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.column()).isEqualTo(2 + 32 * 2 + 1);
              assertThat(d.message()).contains("too many arguments for 'x'");
            });
  }

  @Test
  void recoveryResumesAtTheEnclosingStructure() {
    // One error per broken construct: the rest of the list, test list or command is skipped.
    assertThat(problems("x [\"a\", 1, \"b\"];\nkeep;")).hasSize(1);
    assertThat(problems("if anyof(true, 5) { keep; }\nkeep;")).hasSize(1);
    assertThat(problems("if anyof(true { keep; }")).hasSize(1);
  }

  @Test
  void aScriptThatDoesNotParseIsNotValidated() {
    assertThatThrownBy(() -> org.postern.sieve.SieveCompiler.create().compile("frop;\nkeep $;"))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e ->
                assertThat(e.diagnostics())
                    .hasSize(2)
                    .allSatisfy(d -> assertThat(d.line()).isEqualTo(2)));
  }
}
