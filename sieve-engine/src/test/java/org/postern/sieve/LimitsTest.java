package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.DiscardAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class LimitsTest {

  private static final List<StoreAction> IMPLICIT_KEEP =
      List.of(new StoreAction("INBOX", List.of(), true));

  @Test
  void scriptSizeIsACompileError() {
    SieveCompiler compiler = SieveCompiler.create(SieveLimits.defaults().withMaxScriptSize(10));
    assertThatThrownBy(() -> compiler.compile("keep; keep; keep;"))
        .isInstanceOf(SieveCompileException.class)
        .hasMessageContaining("over the limit of 10");
  }

  @Test
  void nestingDepthIsACompileError() throws Exception {
    SieveCompiler compiler = SieveCompiler.create(SieveLimits.defaults().withMaxNestingDepth(3));
    compiler.compile("if true { if true { keep; } }");
    assertThatThrownBy(() -> compiler.compile("if true { if true { if true { keep; } } }"))
        .hasMessageContaining("nested deeper than the limit of 3");
    assertThatThrownBy(() -> compiler.compile("if not not not not true { keep; }"))
        .hasMessageContaining("nested deeper than the limit of 3");
  }

  @Test
  void actionCountEndsTheRunWithImplicitKeep() throws Exception {
    SieveCompiler compiler = SieveCompiler.create(SieveLimits.defaults().withMaxActions(2));
    String script = "require \"fileinto\"; fileinto \"A\"; fileinto \"B\"; fileinto \"C\";";
    SieveResult result = Scripts.run(compiler, script);
    assertThat(result.failed()).isTrue();
    assertThat(result.error())
        .get()
        .asString()
        .contains("total number of actions exceeds policy limit (3 > 2)");
    assertThat(result.actions()).isEqualTo(IMPLICIT_KEEP);
    assertThat(
            Scripts.run(compiler, "require \"fileinto\"; fileinto \"A\"; fileinto \"B\";").failed())
        .isFalse();
  }

  @Test
  void redirectsPerRunAreLimited() throws Exception {
    SieveCompiler compiler = SieveCompiler.create(SieveLimits.defaults().withMaxRedirects(1));
    SieveResult result = Scripts.run(compiler, "redirect \"a@b.c\"; redirect \"d@e.f\";");
    assertThat(result.error())
        .get()
        .asString()
        .contains("too many redirects")
        .contains("number of redirect actions exceeds policy limit");
    assertThat(result.actions()).isEqualTo(IMPLICIT_KEEP);
  }

  @Test
  void variableValuesAreTruncatedToTheSizeInBytesAndTooManyEndTheRun() throws Exception {
    SieveCompiler small = SieveCompiler.create(SieveLimits.defaults().withMaxVariableSize(5));
    String check =
        "require \"variables\"; set \"a\" \"%s\";" + " if string :is \"${a}\" \"%s\" { discard; }";
    assertThat(Scripts.run(small, String.format(check, "123456", "12345")).actions())
        .containsExactly(new DiscardAction());
    assertThat(Scripts.run(small, String.format(check, "12345", "12345")).actions())
        .containsExactly(new DiscardAction());
    // "é" is two bytes: the third one would be cut in half, so it is dropped whole.
    assertThat(Scripts.run(small, String.format(check, "ééé", "éé")).actions())
        .containsExactly(new DiscardAction());
    // Modifier output is cut between escapes: "\\*\\*" is 4 bytes, a third escape would not fit.
    String quoted =
        "require \"variables\"; set :quotewildcard \"a\" \"***\";"
            + " if string :is :comparator \"i;octet\" \"${a}\" \"\\\\*\\\\*\" { discard; }";
    assertThat(Scripts.run(small, quoted).actions()).containsExactly(new DiscardAction());
    // "é" encodes as "%C3%A9" (6 bytes): with a limit of 5 nothing of it fits.
    String encoded =
        "require [\"variables\", \"enotify\"]; set :encodeurl \"a\" \"ab\u00e9\";"
            + " if string :is \"${a}\" \"ab\" { discard; }";
    assertThat(Scripts.run(small, encoded).actions()).containsExactly(new DiscardAction());
    SieveCompiler few = SieveCompiler.create(SieveLimits.defaults().withMaxVariableCount(2));
    // As in Pigeonhole, setting more distinct variables than the limit is a compile error.
    assertThatThrownBy(
            () ->
                few.compile(
                    "require \"variables\"; set \"a\" \"1\"; set \"b\" \"2\"; set \"c\" \"3\";"))
        .isInstanceOf(SieveCompileException.class)
        .hasMessageContaining("too many variables: a script may set at most 2");
  }

  @Test
  void runTimeIsCheckedBetweenCommands() throws Exception {
    SieveCompiler compiler =
        SieveCompiler.create(SieveLimits.defaults().withMaxRunTime(Duration.ofNanos(1)));
    StringBuilder script = new StringBuilder("require \"fileinto\";");
    for (int i = 0; i < 2000; i++) {
      script.append("if header :contains \"Subject\" \"nothing").append(i).append("\" { stop; }\n");
    }
    script.append("fileinto \"A\";");
    SieveResult result = Scripts.run(compiler, script.toString());
    assertThat(result.error()).get().asString().contains("run time limit");
    assertThat(result.actions()).isEqualTo(IMPLICIT_KEEP);
  }

  @Test
  void aLongRegexMatchEndsAtTheDeadlineNotAfterIt() throws Exception {
    // One test, one command: only the match itself can notice the deadline.
    SieveCompiler compiler =
        SieveCompiler.create(SieveLimits.defaults().withMaxRunTime(Duration.ofMillis(1)));
    String script =
        "require [\"regex\", \"fileinto\"];\n"
            + "if header :regex \"Subject\" \"(x|xx|xxx|xxxx)*y\" { fileinto \"A\"; }\n";
    String message = "Subject: " + "x".repeat(4_000_000) + "\r\n\r\nbody\r\n";
    SieveResult result =
        compiler
            .compile(script)
            .run(
                SieveMessage.parse(message),
                new SieveEnvelope("alice@example.org", "bob@example.net"));
    assertThat(result.error()).get().asString().contains(":regex");
    assertThat(result.actions()).isEqualTo(IMPLICIT_KEEP);
  }

  @Test
  void mailboxNamesAreCheckedAtCompileAndRunTime() throws Exception {
    for (String bad : List.of("../x", "a/b", ".hidden", "a..b", "a\\u0000b")) {
      String literal = bad.replace("\\u0000", "\0");
      assertThatThrownBy(() -> Scripts.run("require \"fileinto\"; fileinto \"" + literal + "\";"))
          .isInstanceOf(SieveCompileException.class)
          .hasMessageContaining("mailbox name");
    }
    SieveResult result =
        Scripts.run(
            "require [\"fileinto\", \"variables\"]; set \"box\" \"..\"; fileinto \"x${box}y\";");
    assertThat(result.error()).get().asString().contains("contains '..'");
    assertThat(result.actions()).isEqualTo(IMPLICIT_KEEP);
  }

  @Test
  void compiledProgramsRunConcurrently() throws Exception {
    SieveProgram program =
        SieveCompiler.create()
            .compile(
                "require [\"variables\", \"fileinto\"];"
                    + " if header :matches \"List-Id\" \"<*.lists.*>\" { fileinto \"${1}\"; }");
    List<SieveResult> results =
        java.util.stream.IntStream.range(0, 200)
            .parallel()
            .mapToObj(
                i ->
                    program.run(
                        org.postern.sieve.message.SieveMessage.parse(
                            "List-Id: <l" + i + ".lists.example.org>\r\n\r\nbody"),
                        new org.postern.sieve.message.SieveEnvelope("a@b.c", "d@e.f")))
            .toList();
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).actions())
          .containsExactly(new StoreAction("l" + i, List.of(), false));
    }
  }
}
