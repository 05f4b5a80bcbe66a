package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postern.common.address.ListenAddress;

class GreylistCommandTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new Main()
        .run(
            args,
            new Terminal(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  @Test
  void aBadOptionValueIsAUsageErrorNamingTheOption() {
    assertThat(run("greylist", "--delay", "soon")).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--delay");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "257", "-1", "many"})
  void ioThreadsOutOfRangeOrNotANumberIsAUsageErrorNamingTheOption(String value) {
    assertThat(run("greylist", "--io-threads", value)).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--io-threads").contains(value);
  }

  @Test
  void aBadStoreIsAUsageError() {
    assertThat(run("greylist", "--store", "ftp://x")).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--store").contains("redis://");
  }

  @Test
  void thePostfixLineChecksThePolicyServiceAfterRelayRestrictions() {
    assertThat(GreylistCommand.postfixLines(ListenAddress.parse("inet:127.0.0.1:10023")))
        .containsExactly(
            "smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination,"
                + " check_policy_service inet:127.0.0.1:10023");
  }
}
