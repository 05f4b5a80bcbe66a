package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.DuplicateTracker;
import org.postern.sieve.runtime.InMemoryDuplicateTracker;
import org.postern.sieve.runtime.InMemoryVacationTracker;
import org.postern.sieve.runtime.MailboxDirectory;
import org.postern.sieve.runtime.SieveRunInput;

class DuplicateTest {

  private final DuplicateTracker tracker = new InMemoryDuplicateTracker();

  private String run(String script, String messageId, Instant at) throws Exception {
    SieveRunInput input =
        new SieveRunInput(
            SieveMessage.parse(
                (messageId == null ? "" : "Message-ID: " + messageId + "\r\n")
                    + "X-Id: fixed\r\nSubject: s\r\n\r\nbody\r\n"),
            new SieveEnvelope("a@example.org", "b@example.org"),
            Map.of(),
            Set.of(),
            new InMemoryVacationTracker(),
            Clock.fixed(at, ZoneOffset.UTC),
            MailboxDirectory.INBOX_ONLY,
            tracker);
    return ((StoreAction) SieveCompiler.create().compile(script).run(input).actions().get(0))
        .mailbox();
  }

  private static final String SCRIPT =
      "require [\"duplicate\", \"fileinto\"];"
          + " if duplicate :seconds 60 { fileinto \"Dup\"; } else { fileinto \"New\"; }";

  @Test
  void secondDeliveryWithinThePeriodIsADuplicate() throws Exception {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    assertThat(run(SCRIPT, "<a@x>", start)).isEqualTo("New");
    assertThat(run(SCRIPT, "<a@x>", start.plusSeconds(30))).isEqualTo("Dup");
    assertThat(run(SCRIPT, "<b@x>", start.plusSeconds(30))).isEqualTo("New");
    // Without :last a duplicate does not extend the period: 61 s after the first it is new.
    assertThat(run(SCRIPT, "<a@x>", start.plusSeconds(61))).isEqualTo("New");
  }

  @Test
  void lastExtendsThePeriodFromTheLatestDelivery() throws Exception {
    String script =
        "require [\"duplicate\", \"fileinto\"];"
            + " if duplicate :last :seconds 60 { fileinto \"Dup\"; } else { fileinto \"New\"; }";
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    assertThat(run(script, "<a@x>", start)).isEqualTo("New");
    assertThat(run(script, "<a@x>", start.plusSeconds(50))).isEqualTo("Dup");
    assertThat(run(script, "<a@x>", start.plus(Duration.ofSeconds(100)))).isEqualTo("Dup");
  }

  @Test
  void handlesHeadersAndUniqueIdsSeparateTheTracking() throws Exception {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    String byHeader =
        "require [\"duplicate\", \"fileinto\"];"
            + " if duplicate :header \"X-Id\" :handle \"h\" { fileinto \"Dup\"; }"
            + " else { fileinto \"New\"; }";
    assertThat(run(byHeader, "<1@x>", now)).isEqualTo("New");
    assertThat(run(byHeader, "<2@x>", now)).isEqualTo("Dup");
    String otherHandle = byHeader.replace("\"h\"", "\"other\"");
    assertThat(run(otherHandle, "<3@x>", now)).isEqualTo("New");
    String unique =
        "require [\"duplicate\", \"fileinto\"];"
            + " if duplicate :uniqueid \"u\" { fileinto \"Dup\"; } else { fileinto \"New\"; }";
    assertThat(run(unique, null, now)).isEqualTo("New");
    assertThat(run(unique, null, now)).isEqualTo("Dup");
  }

  @Test
  void failedRunsAndMissingIdsAreNotTracked() throws Exception {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    String failing =
        "require [\"duplicate\", \"fileinto\", \"ihave\"]; if duplicate { fileinto \"Dup\"; }"
            + " error \"stop\";";
    assertThat(run(failing, "<a@x>", now)).isEqualTo("INBOX");
    assertThat(run(SCRIPT, "<a@x>", now)).isEqualTo("New");
    assertThat(run(SCRIPT, null, now)).isEqualTo("New");
    assertThat(run(SCRIPT, null, now)).isEqualTo("New");
  }
}
