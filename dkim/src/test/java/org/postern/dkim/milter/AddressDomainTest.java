package org.postern.dkim.milter;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AddressDomainTest {

  @Test
  void findsTheDomainOfTheFirstFromMailbox() {
    assertThat(AddressDomain.ofFromField(" Alice <alice@Example.ORG>")).contains("example.org");
    assertThat(AddressDomain.ofFromField(" alice@example.org (Alice)")).contains("example.org");
    assertThat(AddressDomain.ofFromField(" \"Bob <bob@evil.example>\" <bob@good.example>"))
        .contains("good.example");
    assertThat(AddressDomain.ofFromField(" a@one.example, b@two.example")).contains("one.example");
    assertThat(AddressDomain.ofFromField(" Alice\r\n <alice@folded.example>"))
        .contains("folded.example");
    assertThat(AddressDomain.ofFromField(" undisclosed")).isEmpty();
  }

  @Test
  void findsTheDomainOfAnEnvelopeSender() {
    assertThat(AddressDomain.ofEnvelope("<alice@Example.org>")).contains("example.org");
    assertThat(AddressDomain.ofEnvelope("alice@example.org")).contains("example.org");
    assertThat(AddressDomain.ofEnvelope("<>")).isEmpty();
  }

  @Property
  void aNamedMailboxYieldsItsLowerCasedDomain(
      @ForAll @AlphaChars @StringLength(min = 1, max = 20) String local,
      @ForAll @AlphaChars @StringLength(min = 1, max = 20) String label,
      @ForAll @AlphaChars @StringLength(max = 20) String name) {
    String value = " \"" + name + "\" <" + local + "@" + label + ".Example>";
    assertThat(AddressDomain.ofFromField(value)).contains(label.toLowerCase() + ".example");
  }

  @Property
  void garbageNeverThrows(@ForAll String value) {
    assertThat(AddressDomain.ofFromField(value)).isNotNull();
    assertThat(AddressDomain.ofEnvelope(value)).isNotNull();
  }
}
