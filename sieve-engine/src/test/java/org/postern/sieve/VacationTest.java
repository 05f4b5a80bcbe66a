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
import org.postern.sieve.extensions.VacationExtension;
import org.postern.sieve.extensions.VacationSettings;
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

  private static SieveResult runScript(
      SieveCompiler compiler, String script, String headers, String sender, String recipient)
      throws Exception {
    return compiler
        .compile(script)
        .run(
            new SieveRunInput(
                SieveMessage.parse(headers + "\r\nbody\r\n"),
                new SieveEnvelope(sender, recipient),
                Map.of(),
                Set.of(),
                new InMemoryVacationTracker(),
                Clock.systemUTC()));
  }

  private static VacationAction vacationOf(SieveResult result) {
    return result.actions().stream()
        .filter(a -> a instanceof VacationAction)
        .map(VacationAction.class::cast)
        .findFirst()
        .orElse(null);
  }

  @Test
  void neverRepliesWhenOutOfOfficeRepliesAreSuppressed() throws Exception {
    String to = "To: bob@example.net\r\n";
    for (String value : new String[] {"All", "OOF", "DR, OOF,\tRN", "all"}) {
      SieveResult result =
          runScript(
              SieveCompiler.create(),
              SCRIPT,
              to + "X-Auto-Response-Suppress: " + value + "\r\n",
              "a@example.org",
              "bob@example.net");
      assertThat(vacationOf(result)).as(value).isNull();
    }
    SieveResult none =
        runScript(
            SieveCompiler.create(),
            SCRIPT,
            to + "X-Auto-Response-Suppress: None\r\n",
            "a@example.org",
            "bob@example.net");
    assertThat(vacationOf(none)).isNotNull();
  }

  @Test
  void repliesFromTheAddressTheMessageWasSentTo() throws Exception {
    SieveResult result =
        runScript(
            SieveCompiler.create(),
            "require \"vacation\"; vacation :addresses \"tss@example.net\" \"gone\";",
            "To: tss@example.net\r\nCc: other@example.net\r\n",
            "sirius@example.org",
            "timo@example.net");
    assertThat(vacationOf(result).from()).isEqualTo("tss@example.net");
  }

  @Test
  void vacationSecondsAloneEnablesVacation() throws Exception {
    SieveResult result =
        runScript(
            SieveCompiler.create(),
            "require \"vacation-seconds\"; vacation :seconds 120 \"back soon\";",
            "To: bob@example.net\r\n",
            "a@example.org",
            "bob@example.net");
    assertThat(vacationOf(result).period()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void siteSettingsClampThePeriodAndChooseTheSubject() throws Exception {
    VacationSettings settings =
        new VacationSettings(
            Duration.ofDays(1),
            Duration.ofDays(30),
            Duration.ofDays(3),
            "Away",
            "Re-auto: %{subject}",
            true);
    SieveCompiler compiler =
        SieveCompiler.create(
            SieveLimits.defaults(), java.util.List.of(new VacationExtension(() -> settings)));
    String headers = "To: bob@example.net\r\n";
    VacationAction shortPeriod =
        vacationOf(
            runScript(
                compiler,
                "require \"vacation-seconds\"; vacation :seconds 60 \"x\";",
                headers + "Subject: Lunch\r\n",
                "a@example.org",
                "bob@example.net"));
    assertThat(shortPeriod.period()).isEqualTo(Duration.ofDays(1));
    assertThat(shortPeriod.subject()).isEqualTo("Re-auto: Lunch");
    VacationAction defaults =
        vacationOf(
            runScript(
                compiler,
                "require \"vacation\"; vacation :days 90 \"x\";",
                headers,
                "a@example.org",
                "bob@example.net"));
    assertThat(defaults.period()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.subject()).isEqualTo("Away");
  }

  @Test
  void withoutTheRecipientCheckAnyMessageGetsAReplyFromTheRecipient() throws Exception {
    VacationSettings settings =
        new VacationSettings(
            Duration.ZERO, Duration.ofDays(60), Duration.ofDays(7), null, null, false);
    SieveCompiler compiler =
        SieveCompiler.create(
            SieveLimits.defaults(), java.util.List.of(new VacationExtension(() -> settings)));
    VacationAction reply =
        vacationOf(
            runScript(
                compiler,
                "require \"vacation\"; vacation \"x\";",
                "To: all@example.com\r\n",
                "timo@example.com",
                "stephan@example.com"));
    assertThat(reply.from()).isEqualTo("stephan@example.com");
    assertThat(
            vacationOf(
                runScript(
                    SieveCompiler.create(),
                    "require \"vacation\"; vacation \"x\";",
                    "To: all@example.com\r\n",
                    "timo@example.com",
                    "stephan@example.com")))
        .isNull();
  }

  @Test
  void longDefaultSubjectsAreCutWithAnEllipsis() {
    String subject = "x".repeat(400);
    String reply = VacationSettings.defaults().replySubject(subject);
    assertThat(reply.codePointCount(0, reply.length()))
        .isEqualTo(VacationSettings.MAX_SUBJECT_CODE_POINTS);
    assertThat(reply).startsWith("Auto: xxx").endsWith("x\u2026");
    String japanese = "\u65e5".repeat(300);
    String cut = VacationSettings.defaults().replySubject(japanese);
    assertThat(cut.codePointCount(0, cut.length()))
        .isEqualTo(VacationSettings.MAX_SUBJECT_CODE_POINTS);
    assertThat(VacationSettings.defaults().replySubject(null)).isEqualTo("Automated reply");
    assertThat(VacationSettings.defaults().replySubject("short")).isEqualTo("Auto: short");
  }
}
