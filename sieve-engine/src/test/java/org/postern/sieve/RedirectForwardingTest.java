package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.RedirectAction;
import org.postern.sieve.action.RedirectForwarding;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/** Redirect targets, redirected copies, loop detection and the copy's envelope sender. */
class RedirectForwardingTest {

  private static final SieveEnvelope ENVELOPE =
      new SieveEnvelope("sirius@example.org", "timo@example.net");

  @Test
  void quotedLocalPartsAreUnquotedOnlyWhenTheyNeedNoQuotes() throws Exception {
    SieveResult result =
        Scripts.run(
            "redirect \"\\\"S[r]us\\\"@example.net\"; redirect \"\\\"Sirius\\\"@example.net\";"
                + " redirect \"\\\"Stephan Bosch\\\" <\\\"S.Bosch\\\"@example.net>\";");
    assertThat(result.actions())
        .containsExactly(
            new RedirectAction("\"S[r]us\"@example.net"),
            new RedirectAction("Sirius@example.net"),
            new RedirectAction("S.Bosch@example.net"));
  }

  @Test
  void theCopyNamesTheUserAndALaterCopyIsALoop() {
    SieveMessage original = SieveMessage.parse("From: a@example.org\r\n\r\nbody\r\n");
    assertThat(RedirectForwarding.isLoop(original, "timo@example.net")).isFalse();
    SieveMessage copy = RedirectForwarding.copyFor(original, "timo@example.net");
    assertThat(copy.rawHeaders(RedirectForwarding.REDIRECTED_FROM))
        .containsExactly("timo@example.net");
    assertThat(RedirectForwarding.isLoop(copy, "TIMO@example.net")).isTrue();
    assertThat(RedirectForwarding.isLoop(copy, "other@example.net")).isFalse();
  }

  @Test
  void theEnvelopeSenderFollowsThePolicyButTheNullSenderStaysNull() {
    assertThat(RedirectForwarding.envelopeSender(null, ENVELOPE, null, null))
        .isEqualTo("sirius@example.org");
    assertThat(RedirectForwarding.envelopeSender(" recipient ", ENVELOPE, null, null))
        .isEqualTo("timo@example.net");
    assertThat(
            RedirectForwarding.envelopeSender("orig_recipient", ENVELOPE, "tss@example.net", null))
        .isEqualTo("tss@example.net");
    assertThat(RedirectForwarding.envelopeSender("user_email", ENVELOPE, null, null))
        .isEqualTo("timo@example.net");
    assertThat(RedirectForwarding.envelopeSender("user_email", ENVELOPE, null, "t.s@example.net"))
        .isEqualTo("t.s@example.net");
    assertThat(RedirectForwarding.envelopeSender("<bounce@example.net>", ENVELOPE, null, null))
        .isEqualTo("bounce@example.net");
    assertThat(RedirectForwarding.envelopeSender("<>", ENVELOPE, null, null)).isEmpty();
    SieveEnvelope nullSender = new SieveEnvelope("", "timo@example.net");
    for (String policy : List.of("sender", "recipient", "<bounce@example.net>")) {
      assertThat(RedirectForwarding.envelopeSender(policy, nullSender, null, null)).isEmpty();
    }
  }

  @Test
  void theNullReversePathMatchesTheEmptyStringWhateverThePart() throws Exception {
    SieveProgram program =
        SieveCompiler.create()
            .compile(
                "require [\"envelope\", \"fileinto\"];"
                    + " if allof (envelope :domain :is \"from\" \"\","
                    + " envelope :localpart :is \"from\" \"\", envelope :all :is \"from\" \"\")"
                    + " { fileinto \"Null\"; }");
    SieveResult nullSender =
        program.run(SieveMessage.parse(Scripts.MESSAGE), new SieveEnvelope("", "bob@example.net"));
    assertThat(nullSender.actions().get(0).toString()).contains("Null");
    SieveResult someone =
        program.run(
            SieveMessage.parse(Scripts.MESSAGE),
            new SieveEnvelope("a@example.org", "bob@example.net"));
    assertThat(someone.actions().get(0).toString()).doesNotContain("Null");
  }
}
