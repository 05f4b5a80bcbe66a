package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.date.DatePart;
import org.postern.sieve.date.MessageDates;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.InMemoryVacationTracker;
import org.postern.sieve.runtime.SieveRunInput;

class DateTest {

  private static final String MESSAGE =
      "Date: Mon, 20 Jul 2009 21:44:43 +0300\r\n"
          + "Received: from a by b; Wed, 12 Nov 2014 18:18:31 +0100\r\n"
          + "Received: from c by d; Wed, 12 Nov 2014 18:18:29 +0100\r\n"
          + "X-A: one\r\nX-A: two\r\nX-A: three\r\n"
          + "Subject: s\r\n\r\nbody\r\n";

  private static String mailbox(String script) throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2024-02-29T23:30:00Z"), ZoneOffset.ofHours(2));
    SieveRunInput input =
        new SieveRunInput(
            SieveMessage.parse(MESSAGE),
            new SieveEnvelope("a@example.org", "b@example.org"),
            Map.of(),
            Set.of(),
            new InMemoryVacationTracker(),
            clock);
    SieveResult result = SieveCompiler.create().compile(script).run(input);
    return ((StoreAction) result.actions().get(0)).mailbox();
  }

  @Test
  void datePartsInOriginalSpecifiedAndLocalZones() throws Exception {
    String script =
        "require [\"date\", \"variables\", \"fileinto\"];"
            + " if date :originalzone :matches \"date\" \"iso8601\" \"*\" { set \"o\" \"${0}\"; }"
            + " if date :zone \"-0100\" :matches \"date\" \"time\" \"*\" { set \"z\" \"${0}\"; }"
            + " if date :matches \"date\" \"std11\" \"*\" { set \"l\" \"${0}\"; }"
            + " fileinto \"${o}|${z}|${l}\";";
    assertThat(mailbox(script))
        .isEqualTo("2009-07-20T21:44:43+03:00|17:44:43|Mon, 20 Jul 2009 20:44:43 +0200");
  }

  @Test
  void currentdateUsesTheRunClock() throws Exception {
    String script =
        "require [\"date\", \"variables\", \"fileinto\"];"
            + " if currentdate :matches \"date\" \"*\" { set \"d\" \"${0}\"; }"
            + " if currentdate :zone \"+0000\" :matches \"weekday\" \"*\" { set \"w\" \"${0}\"; }"
            + " fileinto \"${d}_${w}\";";
    assertThat(mailbox(script)).isEqualTo("2024-03-01_4");
  }

  @Test
  void indexSelectsOneOccurrenceAndReceivedDatesFollowTheSemicolon() throws Exception {
    String script =
        "require [\"date\", \"index\", \"variables\", \"fileinto\"];"
            + " if header :index 2 \"x-a\" \"two\" { set \"a\" \"h\"; }"
            + " if header :index 1 :last \"x-a\" \"three\" { set \"b\" \"l\"; }"
            + " if date :index 1 :last :originalzone :matches \"received\" \"second\" \"*\""
            + " { set \"c\" \"${0}\"; }"
            + " fileinto \"${a}${b}${c}\";";
    assertThat(mailbox(script)).isEqualTo("hl29");
  }

  @Test
  void badPartsZonesAndLastWithoutIndexAreCompileErrors() {
    assertThatThrownBy(
            () ->
                SieveCompiler.create()
                    .compile(
                        "require [\"date\", \"index\"]; if date :zone \"CET\" \"date\" \"yearly\""
                            + " \"x\" { keep; } if header :last \"x\" \"y\" { keep; }"))
        .isInstanceOfSatisfying(
            SieveCompileException.class, e -> assertThat(e.diagnostics()).hasSize(3));
  }

  @Test
  void parsingIgnoresTheWeekdayAndRejectsNonsense() {
    ZonedDateTime date = MessageDates.parse("Date", "Mon, 22 Jul 2009 23:30:14 +0300");
    assertThat(DatePart.WEEKDAY.of(date)).isEqualTo("3");
    assertThat(DatePart.JULIAN.of(date)).isEqualTo("55034");
    assertThat(MessageDates.parse("Date", "Moo, 34 Juul 3060 25:30:42 +6600")).isNull();
    assertThat(MessageDates.parse("Date", "1 Jan 99 00:00 GMT").getYear()).isEqualTo(1999);
  }
}
