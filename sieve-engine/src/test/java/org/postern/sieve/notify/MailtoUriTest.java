package org.postern.sieve.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MailtoUriTest {

  @Test
  void recipientsComeFromThePathToAndCcWithDuplicatesMerged() throws Exception {
    MailtoUri uri =
        MailtoUri.parse(
            "mailto:timo@example.com%2cstephan@dovecot.example.net"
                + "?cc=stephan@DOVECOT.example.net,postmaster@frop.example.org"
                + "&to=late@example.org&subject=Frop%20received&body=Hi%21");
    assertThat(uri.recipients())
        .extracting(MailtoUri.Recipient::address)
        .containsExactly(
            "timo@example.com",
            "stephan@dovecot.example.net",
            "postmaster@frop.example.org",
            "late@example.org");
    assertThat(uri.recipients())
        .extracting(MailtoUri.Recipient::carbonCopy)
        .containsExactly(false, false, true, false);
    assertThat(uri.subject()).isEqualTo("Frop received");
    assertThat(uri.body()).isEqualTo("Hi!");
    assertThat(uri.headers()).isEmpty();
    assertThat(uri.warnings()).anyMatch(w -> w.contains("duplicate recipient"));
  }

  @Test
  void aCcRecipientAlsoNamedInToIsATo() throws Exception {
    MailtoUri uri = MailtoUri.parse("mailto:?cc=a@example.org&to=a@example.org");
    assertThat(uri.recipients())
        .containsExactly(new MailtoUri.Recipient("a@example.org", "a@example.org", false));
  }

  @Test
  void displayNamesWithEncodedOrUtf8WordsAreMailboxes() throws Exception {
    MailtoUri uri =
        MailtoUri.parse(
            "mailto:?to=%3D%3Futf-8%3Fq%3FG%3DC3%3DBCnther%3F%3D%20M.%20Karotte"
                + "%20%3Cg.m.karotte%40example.com%3E&cc=Dieter%20Stoppelr%C3%BCbe"
                + "%20%3Cd@example.com%3E");
    assertThat(uri.recipients())
        .extracting(MailtoUri.Recipient::full)
        .containsExactly(
            "=?utf-8?q?G=C3=BCnther?= M. Karotte <g.m.karotte@example.com>",
            "Dieter Stoppelrübe <d@example.com>");
    assertThat(uri.recipients())
        .extracting(MailtoUri.Recipient::address)
        .containsExactly("g.m.karotte@example.com", "d@example.com");
  }

  @Test
  void reservedAndRepeatedUniqueFieldsAreIgnored() throws Exception {
    MailtoUri uri =
        MailtoUri.parse(
            "mailto:a@example.org?from=evil@example.org&Auto-Submitted=no&Message-ID=x"
                + "&Reply-To=r@example.org&reply-to=s@example.org&X-Extra=yes&subject=one"
                + "&subject=two");
    assertThat(uri.headers())
        .containsExactly(
            new MailtoUri.HeaderField("Reply-To", "r@example.org"),
            new MailtoUri.HeaderField("X-Extra", "yes"));
    assertThat(uri.subject()).isEqualTo("one");
    assertThat(uri.warnings()).hasSize(5);
  }

  @Test
  void recipientsAndFieldsPastTheLimitsAreDiscarded() throws Exception {
    StringBuilder text = new StringBuilder("mailto:?");
    for (int i = 0; i < 20; i++) {
      text.append("to=r").append(i).append("@example.org&");
    }
    MailtoUri uri = MailtoUri.parse(text.toString());
    assertThat(uri.recipients()).hasSize(MailtoUri.MAX_RECIPIENTS);
    StringBuilder fields = new StringBuilder("mailto:a@example.org?");
    for (int i = 0; i < 20; i++) {
      fields.append("X-F").append(i).append("=v&");
    }
    assertThat(MailtoUri.parse(fields.toString()).headers()).hasSize(MailtoUri.MAX_HEADERS);
  }

  @Test
  void malformedUrisAreTypedErrors() {
    for (String bad :
        List.of(
            "http://example.org",
            "mailto:stephan%23example.org",
            "mailto:a@example.org,b@example.org",
            "mailto:stephan@eg?source_locationnt%2)message%20received",
            "mailto:a@example.org?header:=x",
            "mailto:a@example.org?subject=a%0D%0Ab",
            "mailto:a@example.org?subject=%00",
            "mailto:a@example.org?subject=%FF",
            "mailto:a@example.org?subject=<",
            "mailto:a@example.org?to=nico%23frop.example.org",
            "mailto:a@example.org%2C",
            "mailto:a@example.org?=x",
            "mailto:a@example.org?subject=%4")) {
      assertThatThrownBy(() -> MailtoUri.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidMailtoUriException.class);
    }
  }

  @Property(tries = 500)
  void garbageIsAValidUriOrATypedError(@ForAll String text) {
    try {
      MailtoUri uri = MailtoUri.parse("mailto:" + text);
      assertThat(uri.recipients()).hasSizeLessThanOrEqualTo(MailtoUri.MAX_RECIPIENTS);
    } catch (InvalidMailtoUriException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void garbageFromUriCharactersIsAValidUriOrATypedError(@ForAll("uriText") String text) {
    try {
      MailtoUri.parse("mailto:" + text);
    } catch (InvalidMailtoUriException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> uriText() {
    return Arbitraries.strings().withChars("a@.%2Cc0?=&to:;,<>\"\u00fc ").ofMaxLength(40);
  }

  @Property(tries = 300)
  void encodedRecipientsSubjectAndBodyRoundTrip(
      @ForAll("addresses") @Size(min = 1, max = 8) List<String> to,
      @ForAll("texts") String subject,
      @ForAll("texts") String body)
      throws Exception {
    Set<String> distinct = new LinkedHashSet<>(to);
    List<String> fields = new ArrayList<>();
    for (String address : distinct) {
      fields.add("to=" + encode(address));
    }
    fields.add("subject=" + encode(subject));
    fields.add("body=" + encode(body));
    MailtoUri uri = MailtoUri.parse("mailto:?" + String.join("&", fields));
    assertThat(uri.recipients())
        .extracting(MailtoUri.Recipient::address)
        .containsExactlyElementsOf(distinct);
    assertThat(uri.subject()).isEqualTo(subject);
    assertThat(uri.body()).isEqualTo(body);
  }

  @Provide
  Arbitrary<List<String>> addresses() {
    Arbitrary<String> atom =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    return Combinators.combine(atom, atom)
        .as((local, domain) -> local + "@" + domain + ".example")
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> texts() {
    // Printable text without line breaks (which only a body may hold), including non-ASCII.
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\ud7ff')
        .ofMaxLength(30);
  }

  private static String encode(String text) {
    // URLEncoder writes form encoding: '+' for space, which mailto reads as a plain '+'.
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
