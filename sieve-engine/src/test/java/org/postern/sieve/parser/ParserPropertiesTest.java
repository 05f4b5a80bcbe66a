package org.postern.sieve.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postern.sieve.SieveCompileException;
import org.postern.sieve.SieveCompiler;

class ParserPropertiesTest {

  private static final SieveCompiler COMPILER = SieveCompiler.create();

  @Property(tries = 300)
  void printThenParseGivesTheSameTree(@ForAll("scripts") ScriptNode script) throws Exception {
    ScriptNode parsed = Parser.parse(Printer.print(script));
    assertThat(SyntaxTrees.withoutPositions(parsed)).isEqualTo(script);
  }

  @Property(tries = 500)
  void randomTextOnlyEverFailsWithCompileErrors(@ForAll("garbage") String source) {
    try {
      COMPILER.compile(source);
    } catch (SieveCompileException e) {
      assertThat(e.diagnostics()).isNotEmpty();
      assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.line()).isPositive());
    }
  }

  @Property(tries = 300)
  void printedRandomTreesCompileOrFailWithCompileErrors(@ForAll("scripts") ScriptNode script) {
    try {
      COMPILER.compile(Printer.print(script));
    } catch (SieveCompileException e) {
      assertThat(e.diagnostics()).isNotEmpty();
    }
  }

  @Property(tries = 300)
  void numbersUpTo2To64Minus1ParseAndLargerOnesAreOneError(
      @ForAll @net.jqwik.api.constraints.BigRange(min = "0", max = "40000000000000000000")
          java.math.BigInteger digits,
      @ForAll("quantifiers") String quantifier) {
    int shift =
        switch (quantifier) {
          case "K", "k" -> 10;
          case "M", "m" -> 20;
          case "G", "g" -> 30;
          default -> 0;
        };
    java.math.BigInteger value = digits.shiftLeft(shift);
    String source = "size :over " + digits + quantifier + ";";
    List<org.postern.sieve.SieveDiagnostic> diagnostics = new java.util.ArrayList<>();
    ScriptNode script = Parser.parse(source, diagnostics);
    if (value.bitLength() <= 64) {
      assertThat(diagnostics).isEmpty();
      NumberArgument number = (NumberArgument) script.commands().get(0).arguments().get(1);
      assertThat(Long.toUnsignedString(number.value())).isEqualTo(value.toString());
    } else {
      assertThat(diagnostics).hasSize(1);
      assertThat(diagnostics.get(0).message()).contains("too large");
      assertThat(diagnostics.get(0).column()).isEqualTo(12);
    }
  }

  @Property(tries = 200)
  void nestingUpToTheLimitParsesAndDeeperIsOneError(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 45) int blocks,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 45) int nots) {
    String source =
        "if true {".repeat(blocks - 1)
            + "if "
            + "not ".repeat(nots)
            + "true { stop; }"
            + "}".repeat(blocks - 1);
    List<org.postern.sieve.SieveDiagnostic> diagnostics = new java.util.ArrayList<>();
    Parser.parse(source, diagnostics);
    // The script is level 1, so 31 nested blocks fit in 32; tests nest under their command
    // (level 1) independently of the blocks around it, so 31 tests deep fit.
    if (blocks <= Parser.DEFAULT_MAX_NESTING - 1 && nots + 1 <= Parser.DEFAULT_MAX_NESTING - 1) {
      assertThat(diagnostics).isEmpty();
    } else {
      assertThat(diagnostics).isNotEmpty();
      assertThat(diagnostics)
          .allSatisfy(d -> assertThat(d.message()).contains("nested deeper than the limit of 32"));
    }
  }

  @Property(tries = 500)
  void anyCharactersOnlyEverFailWithCompileErrors(
      @ForAll
          @net.jqwik.api.constraints.StringLength(max = 60)
          @net.jqwik.api.constraints.Chars({'$', '@', '!', '/', ':', '"', '[', '(', '{', ';', 'a'})
          @net.jqwik.api.constraints.CharRange(from = '0', to = '9')
          @net.jqwik.api.constraints.CharRange(from = '\u0000', to = '\u001f')
          @net.jqwik.api.constraints.CharRange(from = '\u00e0', to = '\u00ff')
          String source) {
    try {
      COMPILER.compile(source);
    } catch (SieveCompileException e) {
      assertThat(e.diagnostics()).isNotEmpty();
      assertThat(e.diagnostics())
          .allSatisfy(
              d -> {
                assertThat(d.line()).isPositive();
                assertThat(d.column()).isPositive();
              });
    }
  }

  @Provide
  Arbitrary<String> quantifiers() {
    return Arbitraries.of("", "K", "k", "M", "m", "G", "g");
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "if",
            "elsif",
            "else",
            "require",
            "keep",
            "fileinto",
            "header",
            "address",
            "anyof",
            "allof",
            "not",
            "size",
            ":over",
            ":is",
            ":contains",
            ":matches",
            ":comparator",
            "\"i;octet\"",
            "\"x\"",
            "\"${hex:41}\"",
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            ",",
            ";",
            "1K",
            "99999999999999999999",
            "text:\nabc\n.\n",
            "#c\n",
            "/*",
            "*/",
            "\"",
            "\\",
            "\"fileinto\"",
            "stop",
            "discard",
            "redirect",
            "\"a@b\"",
            "true",
            "false",
            ":",
            "\0");
    Arbitrary<String> random = Arbitraries.strings().ofMaxLength(20);
    return Arbitraries.oneOf(tokens, tokens, tokens, random)
        .list()
        .ofMaxSize(40)
        .map(parts -> String.join(" ", parts));
  }

  @Provide
  Arbitrary<ScriptNode> scripts() {
    return commands(3).map(ScriptNode::new);
  }

  private Arbitrary<List<CommandNode>> commands(int depth) {
    return command(depth).list().ofMaxSize(4);
  }

  private Arbitrary<CommandNode> command(int depth) {
    Arbitrary<Optional<List<CommandNode>>> block =
        depth == 0
            ? Arbitraries.just(Optional.empty())
            : Arbitraries.oneOf(
                Arbitraries.just(Optional.<List<CommandNode>>empty()),
                Arbitraries.lazy(() -> commands(depth - 1)).map(Optional::of));
    return Combinators.combine(identifiers(), arguments(), tests(depth), block)
        .as(
            (name, arguments, tests, body) ->
                new CommandNode(
                    name, arguments, tests.tests(), tests.testList(), body, Position.NONE));
  }

  private record Tests(List<TestNode> tests, boolean testList) {}

  private Arbitrary<Tests> tests(int depth) {
    if (depth == 0) {
      return Arbitraries.just(new Tests(List.of(), false));
    }
    Arbitrary<TestNode> test = test(depth - 1);
    return Arbitraries.oneOf(
        Arbitraries.just(new Tests(List.of(), false)),
        test.map(t -> new Tests(List.of(t), false)),
        test.list().ofMinSize(1).ofMaxSize(3).map(list -> new Tests(list, true)));
  }

  private Arbitrary<TestNode> test(int depth) {
    return Combinators.combine(identifiers(), arguments(), tests(depth))
        .as(
            (name, arguments, tests) ->
                new TestNode(name, arguments, tests.tests(), tests.testList(), Position.NONE));
  }

  private Arbitrary<String> identifiers() {
    return Arbitraries.oneOf(
        Arbitraries.of("if", "keep", "header", "fileinto", "anyof", "not", "true", "redirect"),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(8)
            .filter(s -> !s.equals("text")));
  }

  private Arbitrary<List<Argument>> arguments() {
    // Line breaks in strings are CRLF: the lexer turns a bare LF into CRLF.
    Arbitrary<String> strings =
        Arbitraries.strings()
            .withChars("ab\"\\ \n{};:#/*.${}")
            .ofMaxLength(10)
            .map(s -> s.replace("\n", "\r\n"));
    Arbitrary<Argument> argument =
        Arbitraries.oneOf(
            strings.map(s -> new StringArgument(s, Position.NONE)),
            strings
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(l -> new StringListArgument(l, Position.NONE)),
            // Every unsigned 64-bit value: negative longs stand for 2^63 .. 2^64-1.
            Arbitraries.longs().map(n -> new NumberArgument(n, Position.NONE)),
            identifiers().map(n -> new TagArgument(n, Position.NONE)));
    return argument.list().ofMaxSize(4);
  }
}
