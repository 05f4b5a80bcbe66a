package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoggingTest {

  @Test
  void findsTheLevelInRawArgumentsInEitherSpelling() {
    assertThat(Logging.levelIn(new String[] {"stack", "--log-level", "DEBUG"})).isEqualTo("debug");
    assertThat(Logging.levelIn(new String[] {"stack", "--log-level=warn"})).isEqualTo("warn");
  }

  @Test
  void fallsBackToInfoWhenAbsentOrInvalid() {
    assertThat(Logging.levelIn(new String[] {"stack"})).isEqualTo("info");
    assertThat(Logging.levelIn(new String[] {"stack", "--log-level", "loud"})).isEqualTo("info");
    assertThat(Logging.levelIn(new String[] {"stack", "--log-level"})).isEqualTo("info");
  }

  @Test
  void anUnknownLevelIsAUsageError() {
    assertThatThrownBy(() -> Logging.validate("loud"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'loud'");
  }
}
