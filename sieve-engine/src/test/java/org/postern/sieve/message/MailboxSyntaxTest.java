package org.postern.sieve.message;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ok@example.com",
        "Ok Good <stephan@example.org>",
        " more  @  example.com  ",
        ".japanese@example.com",
        "japanese.@example.com",
        "..japanese...localpart..@example.com",
        "\"Sirius Black\"@example.net",
        "user (comment) @ [192.0.2.1]",
        "\"Name, with comma\" <a.b@c.d>",
        "Günther M. Karotte <g.m.karotte@example.com>"
      })
  void acceptsMailboxes(String text) {
    assertThat(MailboxSyntax.isMailbox(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "@wrong.example.com",
        "error",
        "error@",
        "Stephan Bosch error@example.org",
        "Stephan Bosch <error@example.org",
        " more error @  example.com  ",
        "@",
        "<>",
        "Error <",
        "Error <stephan@",
        "stephan@example.org,tss@example.net",
        "rüdiger@example.com",
        "a@b..c",
        ""
      })
  void rejectsEverythingElse(String text) {
    assertThat(MailboxSyntax.isMailbox(text)).isFalse();
  }

  @Property(tries = 500)
  void anyTextGivesAnAnswerNeverAnException(@ForAll String text) {
    boolean mailbox = MailboxSyntax.isMailbox(text);
    if (!text.contains("@")) {
      assertThat(mailbox).isFalse();
    }
  }

  @Property(tries = 300)
  void generatedAddressesAreAcceptedBareAndInAngleBrackets(@ForAll("addresses") String address) {
    assertThat(MailboxSyntax.isMailbox(address)).isTrue();
    assertThat(MailboxSyntax.isMailbox("Some Body <" + address + ">")).isTrue();
    assertThat(MailboxSyntax.isMailbox("Some Body " + address)).isFalse();
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> atom =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("0123456789+-_")
            .ofMinLength(1)
            .ofMaxLength(8);
    Arbitrary<String> dotAtom = atom.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
    return Combinators.combine(dotAtom, dotAtom).as((local, domain) -> local + "@" + domain);
  }
}
