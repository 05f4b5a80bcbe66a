package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void theConfigFileSetsTheLevelUnlessTheOptionDoes(@TempDir Path directory) throws IOException {
    Path config = directory.resolve("postern.yaml");
    Files.writeString(config, "logging:\n  level: debug\n");
    assertThat(Logging.levelFor(new String[] {"stack", "--config", config.toString()}))
        .isEqualTo("debug");
    assertThat(
            Logging.levelFor(
                new String[] {"stack", "--config", config.toString(), "--log-level", "warn"}))
        .isEqualTo("warn");
    assertThat(Logging.levelFor(new String[] {"stack", "--config", "/nonexistent.yaml"}))
        .isEqualTo("info");
  }
}
