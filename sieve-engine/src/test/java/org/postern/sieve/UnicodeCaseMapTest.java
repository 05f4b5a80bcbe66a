package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postern.sieve.match.Comparator;

class UnicodeCaseMapTest {

  private final Comparator comparator = Comparator.named("i;unicode-casemap");

  @Test
  void foldsNonAsciiLetters() {
    assertThat(comparator.equal("TÈST", "tèst")).isTrue();
    assertThat(comparator.equal("TÈST", "test")).isFalse();
    assertThat(comparator.compare("Ä", "ä")).isZero();
  }

  @Test
  void headerTestUsesIt() throws Exception {
    String script =
        "if header :contains :comparator \"i;unicode-casemap\" \"Subject\" \"CAFÉ\" { discard; }";
    assertThat(Scripts.run(script).implicitKeep()).isFalse();
  }
}
