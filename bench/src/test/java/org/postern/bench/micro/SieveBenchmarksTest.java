package org.postern.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.SieveCompiler;
import org.postern.sieve.SieveProgram;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/** The benchmarks measure what they claim: the scripts compile and file the messages. */
class SieveBenchmarksTest {

  private static final SieveEnvelope ENVELOPE =
      new SieveEnvelope("list-bounces@example.org", "bob+lists@example.com");

  @Test
  void messagesAreAboutTwoKibibytesWithAboutTwentyHeaders() {
    for (byte[] raw : SieveBenchMessages.generate(600, 8)) {
      assertThat(raw.length).isBetween(2048, 2200);
      assertThat(SieveMessage.parse(raw).headers().size()).isBetween(19, 23);
    }
  }

  @Test
  void listFilterFilesListsItKnowsAndKeepsTheRest() throws Exception {
    SieveProgram program = SieveCompiler.create().compile(SieveListFilterBenchmark.script());
    int filed = 0;
    int kept = 0;
    for (byte[] raw : SieveBenchMessages.generate(600, 8)) {
      String text = new String(raw, StandardCharsets.UTF_8);
      int list = Integer.parseInt(text.replaceAll("(?s).*List-Id: List number (\\d+) .*", "$1"));
      SieveResult result = program.run(SieveMessage.parse(raw), ENVELOPE);
      if (list < SieveListFilterBenchmark.RULES) {
        assertThat(result.actions())
            .containsExactly(new StoreAction("lists.list" + list, List.of(), false));
        filed++;
      } else {
        assertThat(result.implicitKeep()).isTrue();
        kept++;
      }
    }
    assertThat(filed).isPositive();
    assertThat(kept).isPositive();
  }

  @Test
  void mixedScriptCompilesAndRunsWithoutErrors() throws Exception {
    SieveProgram program = SieveCompiler.create().compile(SieveMixedScriptBenchmark.SCRIPT);
    boolean flagged = false;
    for (byte[] raw : SieveBenchMessages.generate(600, 20)) {
      SieveResult result = program.run(SieveMessage.parse(raw), ENVELOPE);
      assertThat(result.failed()).as(result.error().orElse("")).isFalse();
      flagged |=
          result.actions().stream()
              .anyMatch(a -> a instanceof StoreAction store && !store.flags().isEmpty());
    }
    assertThat(flagged).as("some rules matched and set flags").isTrue();
  }
}
