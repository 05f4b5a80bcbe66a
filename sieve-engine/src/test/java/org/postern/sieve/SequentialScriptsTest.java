package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.ActionList;
import org.postern.sieve.action.RejectAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.SieveRunInput;

/**
 * Several scripts sharing one result for one delivery (Pigeonhole's sieve_before / personal /
 * sieve_after chain), and the duplicate-store rules of RFC 5232.
 */
class SequentialScriptsTest {

  private static final SieveRunInput INPUT =
      SieveRunInput.of(
          SieveMessage.parse(Scripts.MESSAGE),
          new SieveEnvelope("alice@example.org", "bob@example.net"));

  private static SieveResult run(String script, ActionList shared) throws Exception {
    return SieveCompiler.create().compile(script).run(INPUT, shared);
  }

  @Test
  void theLastFlagListOfDuplicateStoresWins() throws Exception {
    SieveResult result =
        Scripts.run(
            "require [\"imap4flags\", \"fileinto\"];"
                + " fileinto :flags \"\\\\Seen \\\\Draft\" \"Junk\";"
                + " fileinto :flags \"NONSENSE\" \"Junk\";"
                + " keep; keep :flags \"\\\\Seen\";");
    assertThat(result.actions())
        .containsExactly(
            new StoreAction("Junk", List.of("NONSENSE"), false),
            new StoreAction("INBOX", List.of("\\Seen"), false));
  }

  @Test
  void keepAbsorbsAnEarlierFileintoInbox() throws Exception {
    ActionList shared = new ActionList();
    run("require \"fileinto\"; fileinto \"INBOX\";", shared);
    assertThat(shared.explicitKeep(0)).isFalse();
    run("keep;", shared);
    assertThat(shared.recorded()).hasSize(1);
    assertThat(shared.explicitKeep(0)).isTrue();
  }

  @Test
  void laterScriptsShareTheInternalFlags() throws Exception {
    ActionList shared = new ActionList();
    run("require \"imap4flags\"; setflag \"$label1 \\\\answered\";", shared);
    SieveResult result =
        run("require [\"fileinto\", \"mailbox\"]; fileinto :create \"folder\";", shared);
    assertThat(result.actions())
        .containsExactly(new StoreAction("folder", List.of("$label1", "\\answered"), false, true));
  }

  @Test
  void laterScriptsSeeEarlierHeaderEdits() throws Exception {
    ActionList shared = new ActionList();
    run("require \"editheader\"; addheader \"X-Before\" \"before\";", shared);
    SieveResult result =
        run(
            "require [\"editheader\", \"fileinto\"];"
                + " if header \"X-Before\" \"before\" { addheader \"X-Seen\" \"yes\"; }",
            shared);
    SieveMessage kept = result.messageFor(0, INPUT.message());
    assertThat(kept.rawHeaders("X-Before")).containsExactly("before");
    assertThat(kept.rawHeaders("X-Seen")).containsExactly("yes");
  }

  @Test
  void rejectAfterAnExecutedDeliveryIsKeptAndASecondRejectDropped() throws Exception {
    ActionList shared = new ActionList();
    run("require \"fileinto\"; fileinto \"INBOX\";", shared);
    shared.markExecuted();
    SieveResult first = run("require \"reject\"; reject \"not wanted\";", shared);
    assertThat(first.failed()).isFalse();
    shared.markExecuted();
    SieveResult second = run("require \"reject\"; reject \"nonsense\";", shared);
    assertThat(second.failed()).isFalse();
    assertThat(shared.recorded())
        .containsExactly(
            new StoreAction("INBOX", List.of(), false), new RejectAction("not wanted", false));
  }

  @Test
  void rejectStillConflictsWithDeliveriesNotYetExecuted() throws Exception {
    ActionList shared = new ActionList();
    run("require \"fileinto\"; fileinto \"INBOX\";", shared);
    SieveResult result = run("require \"reject\"; reject \"not wanted\";", shared);
    assertThat(result.failed()).isTrue();
  }

  @Test
  void clearForgetsTheInternalFlags() throws Exception {
    ActionList shared = new ActionList();
    run("require \"imap4flags\"; setflag \"\\\\Seen\";", shared);
    assertThat(shared.internalFlags()).containsExactly("\\Seen");
    shared.clear();
    assertThat(shared.internalFlags()).isEmpty();
  }
}
