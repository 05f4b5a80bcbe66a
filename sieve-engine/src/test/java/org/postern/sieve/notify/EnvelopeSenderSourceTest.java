package org.postern.sieve.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class EnvelopeSenderSourceTest {

  @Test
  void readsPigeonholesValues() {
    assertThat(EnvelopeSenderSource.parse(null)).isEqualTo(EnvelopeSenderSource.DEFAULT);
    assertThat(EnvelopeSenderSource.parse(" Sender ").kind())
        .isEqualTo(EnvelopeSenderSource.Kind.SENDER);
    assertThat(EnvelopeSenderSource.parse("orig_recipient").kind())
        .isEqualTo(EnvelopeSenderSource.Kind.ORIGINAL_RECIPIENT);
    assertThat(EnvelopeSenderSource.parse("<a@example.org>"))
        .isEqualTo(new EnvelopeSenderSource(EnvelopeSenderSource.Kind.EXPLICIT, "a@example.org"));
    assertThat(EnvelopeSenderSource.parse("<>").address()).isEmpty();
    assertThatThrownBy(() -> EnvelopeSenderSource.parse("somebody"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnvelopeSenderSource.parse("<not an address>"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 300)
  void garbageIsASourceOrAnIllegalArgument(@ForAll String text) {
    try {
      EnvelopeSenderSource source = EnvelopeSenderSource.parse(text);
      assertThat(source.kind()).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
