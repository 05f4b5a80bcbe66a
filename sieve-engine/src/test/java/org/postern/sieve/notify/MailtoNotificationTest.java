package org.postern.sieve.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.NotifyAction;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.message.OutgoingMessage;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class MailtoNotificationTest {

  private static final SieveMessage ORIGINAL =
      SieveMessage.parse(
          "From: stephan@example.org\r\nTo: nico@frop.example.org\r\nSubject: Frop!\r\n\r\n"
              + "Klutsefluts.\r\n");
  private static final SieveEnvelope ENVELOPE =
      new SieveEnvelope("sirius@example.org", "bertus@frop.example.org");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-01T10:15:30Z"), ZoneOffset.UTC);

  private static MailtoSettings settings(String source, String userEmail) {
    return new MailtoSettings(
        EnvelopeSenderSource.parse(source), "postmaster@example.com", userEmail, null, CLOCK);
  }

  private static NotifyAction notify(String uri) {
    return new NotifyAction(uri, null, "2", List.of(), null);
  }

  private static List<OutgoingMessage> compose(NotifyAction action, List<NotifyAction> earlier)
      throws InvalidMailtoUriException {
    return MailtoNotification.compose(action, earlier, ORIGINAL, ENVELOPE, settings(null, null));
  }

  @Test
  void oneMessagePerRecipientListingThemAll() throws Exception {
    List<OutgoingMessage> sent =
        compose(
            notify(
                "mailto:timo@example.com%2cstephan@dovecot.example.net"
                    + "?cc=postmaster@frop.example.org&subject=Frop%20received"),
            List.of());
    assertThat(sent)
        .extracting(OutgoingMessage::recipient)
        .containsExactly(
            "timo@example.com", "stephan@dovecot.example.net", "postmaster@frop.example.org");
    SieveMessage message = sent.get(0).message();
    assertThat(Addresses.parseList(message.decodedHeaders("to").get(0)))
        .containsExactly("timo@example.com", "stephan@dovecot.example.net");
    assertThat(message.decodedHeaders("cc")).containsExactly("postmaster@frop.example.org");
    assertThat(message.decodedHeaders("subject")).containsExactly("Frop received");
    assertThat(message.decodedHeaders("x-sieve"))
        .containsExactly(MailtoNotification.IMPLEMENTATION);
    assertThat(message.decodedHeaders("auto-submitted"))
        .containsExactly("auto-notified; owner-email=\"bertus@frop.example.org\"");
    assertThat(message.decodedHeaders("precedence")).containsExactly("bulk");
    assertThat(message.decodedHeaders("x-priority")).containsExactly("3 (Normal)");
    assertThat(message.decodedHeaders("importance")).containsExactly("Normal");
    assertThat(message.decodedHeaders("date")).containsExactly("Fri, 1 Mar 2024 10:15:30 +0000");
    assertThat(message.decodedHeaders("message-id").get(0)).endsWith("@example.com>");
    assertThat(message.decodedHeaders("from")).containsExactly("<postmaster@example.com>");
    assertThat(message.bodyText()).isEqualTo("Notification of new message.\r\n");
  }

  @Test
  void importanceSetsThePriorityFields() throws Exception {
    SieveMessage high =
        compose(new NotifyAction("mailto:a@example.org", null, "1", List.of(), null), List.of())
            .get(0)
            .message();
    assertThat(high.decodedHeaders("x-priority")).containsExactly("1 (Highest)");
    assertThat(high.decodedHeaders("importance")).containsExactly("High");
    SieveMessage low =
        compose(new NotifyAction("mailto:a@example.org", null, "3", List.of(), null), List.of())
            .get(0)
            .message();
    assertThat(low.decodedHeaders("x-priority")).containsExactly("5 (Lowest)");
  }

  @Test
  void recipientsOfEarlierNotificationsAreNotNotifiedAgain() throws Exception {
    NotifyAction first =
        notify(
            "mailto:timo@example.com%2cstephan@dovecot.example.net"
                + "?cc=stephan@dovecot.example.net");
    NotifyAction second = notify("mailto:stephan@example.org?cc=timo@EXAMPLE.com");
    List<OutgoingMessage> firstSent = compose(first, List.of());
    assertThat(firstSent).hasSize(2);
    assertThat(firstSent.get(0).message().rawHeaders("cc")).isEmpty();
    List<OutgoingMessage> secondSent = compose(second, List.of(first));
    assertThat(secondSent)
        .extracting(OutgoingMessage::recipient)
        .containsExactly("stephan@example.org");
    assertThat(secondSent.get(0).message().rawHeaders("cc")).isEmpty();
    // Local parts are case-sensitive: TIMO is another mailbox than timo.
    assertThat(compose(notify("mailto:TIMO@example.com"), List.of(first))).hasSize(1);
    assertThat(compose(notify("mailto:timo@EXAMPLE.com"), List.of(first))).isEmpty();
  }

  @Test
  void autoSubmittedMailAndTheNullRecipientGetNoNotification() throws Exception {
    SieveMessage automated =
        SieveMessage.parse("Auto-Submitted: auto-notify\r\nSubject: x\r\n\r\nbody\r\n");
    assertThat(
            MailtoNotification.compose(
                notify("mailto:a@example.org"),
                List.of(),
                automated,
                ENVELOPE,
                settings(null, null)))
        .isEmpty();
    SieveMessage manual = SieveMessage.parse("Auto-Submitted: No\r\nSubject: x\r\n\r\nbody\r\n");
    assertThat(
            MailtoNotification.compose(
                notify("mailto:a@example.org"), List.of(), manual, ENVELOPE, settings(null, null)))
        .hasSize(1);
    assertThat(
            MailtoNotification.compose(
                notify("mailto:a@example.org"),
                List.of(),
                ORIGINAL,
                new SieveEnvelope("sirius@example.org", ""),
                settings(null, null)))
        .isEmpty();
  }

  @Test
  void theEnvelopeSenderFollowsTheSettings() throws Exception {
    NotifyAction withFrom =
        new NotifyAction(
            "mailto:stephan@example.org", "Nico <nico@frop.example.org>", "2", List.of(), null);
    NotifyAction withoutFrom = notify("mailto:stephan@example.org");
    assertThat(sender(withFrom, null, null)).isEqualTo("nico@frop.example.org");
    assertThat(sender(withoutFrom, null, null)).isEqualTo("postmaster@example.com");
    assertThat(sender(withoutFrom, null, "user@example.org")).isEqualTo("user@example.org");
    assertThat(sender(withFrom, "sender", null)).isEqualTo("sirius@example.org");
    assertThat(sender(withFrom, "recipient", null)).isEqualTo("bertus@frop.example.org");
    assertThat(sender(withFrom, "user_email", "b.wortel@example.org"))
        .isEqualTo("b.wortel@example.org");
    assertThat(sender(withFrom, "user_email", null)).isEqualTo("nico@frop.example.org");
    assertThat(sender(withFrom, "postmaster", null)).isEqualTo("postmaster@example.com");
    assertThat(sender(withFrom, "<bounces@example.net>", null)).isEqualTo("bounces@example.net");
    assertThat(sender(withFrom, "<>", null)).isEmpty();
    // The null sender stays null whatever the settings say.
    assertThat(
            MailtoNotification.compose(
                    withFrom,
                    List.of(),
                    ORIGINAL,
                    new SieveEnvelope("", "bertus@frop.example.org"),
                    settings("postmaster", null))
                .get(0)
                .envelopeSender())
        .isEmpty();
    SieveMessage message =
        MailtoNotification.compose(withFrom, List.of(), ORIGINAL, ENVELOPE, settings(null, null))
            .get(0)
            .message();
    assertThat(message.decodedHeaders("from")).containsExactly("Nico <nico@frop.example.org>");
  }

  private static String sender(NotifyAction action, String source, String userEmail)
      throws InvalidMailtoUriException {
    return MailtoNotification.compose(
            action, List.of(), ORIGINAL, ENVELOPE, settings(source, userEmail))
        .get(0)
        .envelopeSender();
  }

  @Test
  void theSubjectComesFromTheMessageTheUriOrTheOriginal() throws Exception {
    NotifyAction withMessage =
        new NotifyAction("mailto:a@example.org?subject=uri", null, "2", List.of(), "line\r\nnext");
    assertThat(compose(withMessage, List.of()).get(0).message().decodedHeaders("subject"))
        .containsExactly("line??next");
    assertThat(
            compose(notify("mailto:a@example.org?subject=uri"), List.of())
                .get(0)
                .message()
                .decodedHeaders("subject"))
        .containsExactly("uri");
    assertThat(
            compose(notify("mailto:a@example.org"), List.of())
                .get(0)
                .message()
                .decodedHeaders("subject"))
        .containsExactly("Notification: Frop!");
  }

  @Test
  void longUtf8SubjectsAreCutWithAnEllipsis() throws Exception {
    String long300 = "以つわづ聞".repeat(60);
    String subject =
        compose(new NotifyAction("mailto:a@example.org", null, "2", List.of(), long300), List.of())
            .get(0)
            .message()
            .decodedHeaders("subject")
            .get(0);
    assertThat(subject.codePointCount(0, subject.length()))
        .isEqualTo(MailtoNotification.MAX_SUBJECT_CODE_POINTS);
    assertThat(subject).startsWith(long300.substring(0, 255)).endsWith("\u2026");
  }

  @Test
  void utf8DisplayNamesAreEncodedAndAddressesKept() throws Exception {
    SieveMessage message =
        compose(
                notify(
                    "mailto:?to=G%C3%BCnther%20M.%20Karotte%20%3Cg@example.com%3E"
                        + "&cc=%C3%84%20%C3%96%20%3Cd@example.com%3E"),
                List.of())
            .get(0)
            .message();
    assertThat(message.rawHeaders("to").get(0)).doesNotContain("ü");
    assertThat(message.decodedHeaders("to")).containsExactly("Günther M. Karotte <g@example.com>");
    assertThat(message.decodedHeaders("cc")).containsExactly("Ä Ö <d@example.com>");
    assertThat(Addresses.parseList(message.rawHeaders("cc").get(0)))
        .containsExactly("d@example.com");
  }

  @Test
  void onlySafeUriHeadersAndTheBodyAreCarried() throws Exception {
    SieveMessage message =
        compose(
                notify(
                    "mailto:a@example.org?from=evil@example.org&X-Tag=t%C3%BC&body=Gr%C3%BC%C3%9Fe"
                        + "%0Abye"),
                List.of())
            .get(0)
            .message();
    assertThat(message.decodedHeaders("from")).containsExactly("<postmaster@example.com>");
    assertThat(message.decodedHeaders("x-tag")).containsExactly("tü");
    assertThat(message.decodedHeaders("content-type")).containsExactly("text/plain; charset=utf-8");
    assertThat(message.decodedHeaders("content-transfer-encoding")).containsExactly("8bit");
    assertThat(message.bodyText()).isEqualTo("Grüße\r\nbye\r\n");
  }

  @Test
  void anInvalidMethodIsATypedError() {
    assertThatThrownBy(() -> compose(notify("mailto:a@example.org?x=%ZZ"), List.of()))
        .isInstanceOf(InvalidMailtoUriException.class);
  }
}
