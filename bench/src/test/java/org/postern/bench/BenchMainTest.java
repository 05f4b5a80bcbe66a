package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postern.common.address.ListenAddress;

class BenchMainTest {

  @Test
  void parsesEveryOption() throws Exception {
    BenchOptions options =
        BenchMain.parse(
            new String[] {
              "tcp-table",
              "--target",
              "inet:127.0.0.1:10001",
              "--connections",
              "8",
              "--seconds",
              "3",
              "--pipeline",
              "2",
              "--warm-up-seconds",
              "0",
              "--map",
              "reverse",
              "--threads",
              "1"
            });
    assertThat(options)
        .isEqualTo(
            new BenchOptions(
                BenchProtocol.TCP_TABLE,
                new ListenAddress.Inet("127.0.0.1", 10001),
                8,
                2,
                Duration.ZERO,
                Duration.ofSeconds(3),
                "reverse",
                0,
                1));
    assertThat(options.driverThreads()).isEqualTo(1);
  }

  @Test
  void driverThreadsDefaultToOnePerConnectionUpToTheProcessors() throws Exception {
    int processors = Runtime.getRuntime().availableProcessors();
    assertThat(
            BenchMain.parse(
                    new String[] {"policy", "--target", "inet:127.0.0.1:1", "--connections", "1"})
                .driverThreads())
        .isEqualTo(1);
    assertThat(
            BenchMain.parse(
                    new String[] {"policy", "--target", "inet:127.0.0.1:1", "--connections", "64"})
                .driverThreads())
        .isEqualTo(Math.min(64, processors));
  }

  @Test
  void defaultsToFourConnectionsForTenSecondsOnTheForwardMap() throws Exception {
    BenchOptions options =
        BenchMain.parse(new String[] {"socketmap", "--target", "inet:127.0.0.1:10003"});
    assertThat(options)
        .isEqualTo(
            BenchOptions.of(
                BenchProtocol.SOCKETMAP,
                new ListenAddress.Inet("127.0.0.1", 10003),
                4,
                Duration.ofSeconds(10)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "socketmap",
        "smtp --target inet:127.0.0.1:1",
        "socketmap --target nowhere",
        "socketmap --target inet:127.0.0.1:1 --connections 0",
        "socketmap --target inet:127.0.0.1:1 --seconds x",
        "socketmap --target inet:127.0.0.1:1 --bogus 1",
        "socketmap --target inet:127.0.0.1:1 --threads -1",
        "milter --target inet:127.0.0.1:1 --threads 1",
        "socketmap tcp-table --target inet:127.0.0.1:1"
      })
  void refusesBadCommandLines(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertThatThrownBy(() -> BenchMain.parse(args)).isInstanceOf(BenchUsageException.class);
  }

  @Test
  void aUsageErrorExitsWithTwoAndNamesTheOption() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BenchMain.run(
            new String[] {"socketmap", "--target", "inet:127.0.0.1:1", "--seconds", "-1"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--seconds");
  }
}
