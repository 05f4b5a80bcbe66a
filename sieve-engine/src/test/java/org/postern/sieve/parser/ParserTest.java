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
}
