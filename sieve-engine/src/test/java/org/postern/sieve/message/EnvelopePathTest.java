package org.postern.sieve.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EnvelopePathTest {

  @Test
  void acceptsPathsWithOrWithoutBracketsAndDropsSourceRoutes() {
    assertThat(EnvelopePath.parse("<stephan@example.org>")).contains("stephan@example.org");
    assertThat(EnvelopePath.parse("stephan@example.org")).contains("stephan@example.org");
    assertThat(EnvelopePath.parse("<>")).contains("");
    assertThat(EnvelopePath.parse("")).contains("");
    assertThat(EnvelopePath.parse("<MAILER-DAEMON>")).contains("MAILER-DAEMON");
    assertThat(EnvelopePath.parse("<@cola.example.org,@mx.utwente.nl:stephan@example.org>"))
        .contains("stephan@example.org");
    assertThat(EnvelopePath.parse("..japanese...localpart..@example.com"))
        .contains("..japanese...localpart..@example.com");
    assertThat(EnvelopePath.parse("japanese@-example_.com")).contains("japanese@-example_.com");
    assertThat(EnvelopePath.parse("\"john doe\"@example.com")).contains("\"john doe\"@example.com");
    assertThat(EnvelopePath.parse("postmaster@[192.0.2.1]")).contains("postmaster@[192.0.2.1]");
  }

  @Test
  void refusesInvalidPaths() {
    for (String invalid :
        List.of(
            "hutsefluts@",
            "MAILER-DAEMON@",
            "<<stephan@example.org>",
            "stephan@example.org>",
            "<stephan@example.org",
            "<stephan example.org>",
            "<stephan@@example.org>",
            "<cola.example.org:stephan@example.org>",
            "<@.example.org:stephan@example.org>",
            "<@cola..nl:stephan@example.org>",
            "<@cola.example.orgstephan@example.org>",
            "<@cola.example.org@mx.utwente.nl:stephan@example.org>",
            "<@cola.example.org,mx.utwente.nl:stephan@example.org>",
            "<@cola.example.org,@mx.utwente.nl,stephan@example.org>",
            "\"unterminated@example.org")) {
      assertThat(EnvelopePath.parse(invalid)).as(invalid).isEmpty();
    }
  }

  @Property
  void bracketsAndRoutesNeverChangeTheAddress(
      @ForAll("addresses") String address, @ForAll("routes") String route) {
    assertThat(EnvelopePath.parse(address)).contains(address);
    assertThat(EnvelopePath.parse("<" + address + ">")).contains(address);
    assertThat(EnvelopePath.parse("<" + route + ":" + address + ">")).contains(address);
  }

  @Property
  void garbageGivesAnAddressOrNothingButNeverThrows(@ForAll String garbage) {
    EnvelopePath.parse(garbage)
        .ifPresent(address -> assertThat(address).doesNotStartWith("<").doesNotEndWith(">"));
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> local =
        Arbitraries.strings()
            .withChars("abcXYZ019.!#$%&'*+-/=?^_`{|}~")
            .ofMinLength(1)
            .ofMaxLength(10);
    return Combinators.combine(local, domains()).as((l, d) -> l + "@" + d);
  }

  @Provide
  Arbitrary<String> routes() {
    return domains()
        .map(d -> "@" + d)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(l -> String.join(",", l));
  }

  private static Arbitrary<String> domains() {
    Arbitrary<String> label =
        Arbitraries.strings().withChars("abz09-_").ofMinLength(1).ofMaxLength(8);
    return label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
  }
}
