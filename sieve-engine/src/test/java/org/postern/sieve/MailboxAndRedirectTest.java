package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.MailboxNames;
import org.postern.sieve.action.RedirectAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.extensions.FileIntoExtension;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.InMemoryVacationTracker;
import org.postern.sieve.runtime.SieveRunInput;

class MailboxAndRedirectTest {

  private static SieveResult run(String script, Set<String> mailboxes) throws Exception {
    SieveRunInput input =
        new SieveRunInput(
            SieveMessage.parse(Scripts.MESSAGE),
            new SieveEnvelope("a@example.org", "b@example.net"),
            Map.of(),
            Set.of(),
            new InMemoryVacationTracker(),
            Clock.systemUTC(),
            mailboxes::contains);
    return SieveCompiler.create().compile(script).run(input);
  }

  @Test
  void mailboxexistsNeedsEveryNamedMailbox() throws Exception {
    String script =
        "require [\"mailbox\", \"fileinto\"];"
            + " if mailboxexists [\"Lists\", \"Work\"] { fileinto \"Lists\"; }";
    assertThat(run(script, Set.of("INBOX", "Lists", "Work")).actions())
        .containsExactly(new StoreAction("Lists", List.of(), false));
    assertThat(run(script, Set.of("INBOX", "Lists")).implicitKeep()).isTrue();
  }

  @Test
  void mailboxexistsNeedsRequire() {
    assertThatThrownBy(() -> SieveCompiler.create().compile("if mailboxexists \"A\" { stop; }"))
        .isInstanceOf(SieveCompileException.class)
        .hasMessageContaining("mailbox");
  }

  @Test
  void redirectAcceptsAFullMailboxAndSendsToItsAddress() throws Exception {
    assertThat(Scripts.run("redirect \"\\\"Bob B\\\" <bob@example.net>\";").actions())
        .containsExactly(new RedirectAction("bob@example.net"));
  }

  @Test
  void redirectRejectsTwoAddresses() {
    assertThatThrownBy(() -> Scripts.run("redirect \"a@example.net, b@example.net\";"))
        .isInstanceOf(SieveCompileException.class);
  }

  @Test
  void hierarchySeparatorDecidesWhichFileintoNamesAreValid() throws Exception {
    SieveCompiler slash =
        SieveCompiler.create(
            SieveLimits.defaults(), List.of(new FileIntoExtension(new MailboxNames('/'))));
    String literal = "require \"fileinto\"; fileinto \"group/info/Orders\";";
    assertThat(Scripts.run(slash, literal).actions())
        .containsExactly(new StoreAction("group/info/Orders", List.of(), false));
    assertThatThrownBy(() -> Scripts.run(literal)).isInstanceOf(SieveCompileException.class);
    assertThatThrownBy(() -> Scripts.run(slash, "require \"fileinto\"; fileinto \"a/../b\";"))
        .isInstanceOf(SieveCompileException.class)
        .hasMessageContaining("starting with '.'");
    SieveResult traversal =
        Scripts.run(
            slash,
            "require [\"fileinto\", \"variables\"]; set \"up\" \"..\"; fileinto \"a/${up}/b\";");
    assertThat(traversal.failed()).isTrue();
    assertThat(traversal.actions()).containsExactly(new StoreAction("INBOX", List.of(), true));
  }

  @Test
  void fileintoTellsTheCallerWhetherTheMailboxMayBeCreated() throws Exception {
    String plain = "require \"fileinto\"; fileinto \"Lists\"; keep;";
    assertThat(Scripts.run(plain).actions())
        .containsExactly(
            new StoreAction("Lists", List.of(), false, false),
            new StoreAction("INBOX", List.of(), false, false))
        .allSatisfy(action -> assertThat(((StoreAction) action).mailboxMustExist()).isTrue());
    String creating =
        "require [\"fileinto\", \"mailbox\"];"
            + " fileinto \"Lists\"; fileinto :create \"Lists\"; fileinto \"Work\";";
    assertThat(Scripts.run(creating).actions())
        .containsExactly(
            new StoreAction("Lists", List.of(), false, true),
            new StoreAction("Work", List.of(), false, false));
  }
}
