package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.extensions.SubaddressExtension;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class SubaddressTest {

  private static final String SCRIPT =
      "require [\"subaddress\", \"envelope\", \"fileinto\"];\n"
          + "if envelope :matches :user \"to\" \"*\" { fileinto \"user-${0}\"; }\n"
          + "if envelope :matches :detail \"to\" \"*\" { fileinto \"detail-${0}\"; }\n";

  private static List<String> mailboxes(SieveProgram program, String recipient) {
    return program
        .run(
            SieveMessage.parse("Subject: x\r\n\r\nbody\r\n"),
            new SieveEnvelope("a@example.org", recipient))
        .actions()
        .stream()
        .filter(StoreAction.class::isInstance)
        .map(action -> ((StoreAction) action).mailbox())
        .toList();
  }

  private static SieveProgram compile(SubaddressExtension extension) throws Exception {
    return SieveCompiler.create(SieveLimits.defaults(), List.of(extension))
        .compile("require \"variables\";\n" + SCRIPT);
  }

  @Test
  void defaultDelimiterIsPlus() throws Exception {
    SieveProgram program = compile(new SubaddressExtension());
    assertThat(mailboxes(program, "bob+lists-dev@example.net"))
        .containsExactly("user-bob", "detail-lists-dev");
  }

  @Test
  void anyConfiguredCharacterSplitsAtTheFirstOccurrence() throws Exception {
    SieveProgram program = compile(new SubaddressExtension(() -> "-+"));
    assertThat(mailboxes(program, "bob+-x@example.net")).containsExactly("user-bob", "detail--x");
    assertThat(mailboxes(program, "bob-a+b@example.net")).containsExactly("user-bob", "detail-a+b");
    assertThat(mailboxes(program, "bob@example.net")).containsExactly("user-bob");
  }

  @Test
  void aChangedSettingAppliesToTheCompiledProgram() throws Exception {
    AtomicReference<String> delimiter = new AtomicReference<>("+");
    SieveProgram program = compile(new SubaddressExtension(delimiter::get));
    assertThat(mailboxes(program, "bob_x@example.net")).containsExactly("user-bob_x");
    delimiter.set("_");
    assertThat(mailboxes(program, "bob_x@example.net")).containsExactly("user-bob", "detail-x");
  }
}
