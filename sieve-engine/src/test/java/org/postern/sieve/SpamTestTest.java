package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.extensions.SpamTestExtension;
import org.postern.sieve.extensions.SpamTestSettings;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class SpamTestTest {

  private static final SpamTestSettings SCORE =
      new SpamTestSettings(
          "X-Spam-Status",
          SpamTestSettings.headerSpec("X:score=(-?[0-9.]+)").getValue().orElseThrow(),
          SpamTestSettings.StatusType.SCORE,
          null,
          null,
          10.0,
          Map.of());

  private static final SpamTestSettings VIRUS_TEXT =
      new SpamTestSettings(
          "X-Virus",
          null,
          SpamTestSettings.StatusType.TEXT,
          null,
          null,
          0,
          Map.of(1, "clean", 5, "infected"));

  private static String mailbox(String script, String headers) throws Exception {
    SieveCompiler compiler =
        SieveCompiler.create(
            SieveLimits.defaults(),
            List.of(
                new SpamTestExtension(SpamTestExtension.Kind.SPAMTEST, () -> SCORE),
                new SpamTestExtension(SpamTestExtension.Kind.SPAMTESTPLUS, () -> SCORE),
                new SpamTestExtension(SpamTestExtension.Kind.VIRUSTEST, () -> VIRUS_TEXT)));
    SieveResult result =
        compiler
            .compile(script)
            .run(
                SieveMessage.parse(headers + "Subject: s\r\n\r\nbody\r\n"),
                new SieveEnvelope("a@example.org", "b@example.org"));
    return ((StoreAction) result.actions().get(0)).mailbox();
  }

  @Test
  void scoreIsScaledToOneToTen() throws Exception {
    String script =
        "require [\"spamtest\", \"variables\", \"fileinto\", \"relational\"];"
            + " if spamtest :matches \"*\" { fileinto \"s${1}\"; }";
    assertThat(mailbox(script, "X-Spam-Status: Yes, score=5.0\r\n")).isEqualTo("s5");
    assertThat(mailbox(script, "X-Spam-Status: No, score=-3.0\r\n")).isEqualTo("s1");
    assertThat(mailbox(script, "X-Spam-Status: Yes, score=40\r\n")).isEqualTo("s10");
    assertThat(mailbox(script, "")).isEqualTo("s0");
  }

  @Test
  void defaultComparatorIsNumericAndPercentNeedsSpamtestplus() throws Exception {
    String script =
        "require [\"spamtestplus\", \"fileinto\", \"relational\"];"
            + " if spamtest :percent :value \"ge\" \"75\" { fileinto \"Junk\"; }"
            + " else { fileinto \"Ham\"; }";
    assertThat(mailbox(script, "X-Spam-Status: Yes, score=8.0\r\n")).isEqualTo("Junk");
    assertThat(mailbox(script, "X-Spam-Status: Yes, score=7.4\r\n")).isEqualTo("Ham");
  }

  @Test
  void virustestMapsConfiguredTexts() throws Exception {
    String script =
        "require [\"virustest\", \"fileinto\", \"relational\"];"
            + " if virustest :value \"eq\" \"5\" { fileinto \"Virus\"; } else { fileinto \"Ok\"; }";
    assertThat(mailbox(script, "X-Virus: infected\r\n")).isEqualTo("Virus");
    assertThat(mailbox(script, "X-Virus: clean\r\n")).isEqualTo("Ok");
    assertThat(mailbox(script, "X-Virus: unknown words\r\n")).isEqualTo("Ok");
  }
}
