package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.VacationAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.InMemoryVacationTracker;
import org.postern.sieve.runtime.SieveRunInput;

class VacationTest {

  private static final String SCRIPT =
      "require \"vacation\"; vacation :days 2 :subject \"Away\" \"Back Monday\";";

  private final InMemoryVacationTracker tracker = new InMemoryVacationTracker();

  private SieveResult run(String headers, String sender, Instant now) throws Exception {
    SieveProgram program = SieveCompiler.create().compile(SCRIPT);
    SieveMessage message = SieveMessage.parse(headers + "\r\nbody\r\n");
    return program.run(
        new SieveRunInput(
            message,
            new SieveEnvelope(sender, "bob@example.net"),
            Map.of(),
            Set.of(),
            tracker,
            Clock.fixed(now, ZoneOffset.UTC)));
  }

  @Test
  void repliesOncePerPeriod() throws Exception {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    String headers = "From: a@example.org\r\nTo: bob@example.net\r\nSubject: hi\r\n";
    assertThat(run(headers, "a@example.org", now).actions())
        .filteredOn(a -> a instanceof VacationAction)
        .singleElement()
        .isInstanceOfSatisfying(
            VacationAction.class,
            v -> {
              assertThat(v.recipient()).isEqualTo("a@example.org");
              assertThat(v.from()).isEqualTo("bob@example.net");
              assertThat(v.subject()).isEqualTo("Away");
              assertThat(v.reason()).isEqualTo("Back Monday");
              assertThat(v.period()).isEqualTo(Duration.ofDays(2));
            });
    assertThat(run(headers, "a@example.org", now.plus(Duration.ofDays(1))).actions())
        .noneMatch(a -> a instanceof VacationAction);
    assertThat(run(headers, "a@example.org", now.plus(Duration.ofDays(3))).actions())
        .anyMatch(a -> a instanceof VacationAction);
  }

  @Test
  void neverRepliesToListsBulkAutomatedOrUnaddressedMail() throws Exception {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    String to = "To: bob@example.net\r\n";
    for (String[] bad :
        new String[][] {
          {to + "List-Id: <x.example.org>\r\n", "a@example.org"},
          {to + "Precedence: bulk\r\n", "a@example.org"},
          {to + "Auto-Submitted: auto-replied\r\n", "a@example.org"},
          {to, "MAILER-DAEMON@example.org"},
          {to, ""},
          {"To: someone-else@example.net\r\n", "a@example.org"},
        }) {
      assertThat(run(bad[0], bad[1], now).actions())
          .as("headers %s sender %s", bad[0], bad[1])
          .noneMatch(a -> a instanceof VacationAction);
    }
  }
}
