package org.postern.bench.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postern.bench.BenchCommandLine;
import org.postern.bench.BenchMain;
import org.postern.bench.BenchUsageException;
import org.postern.common.address.ListenAddress;

class MilterCommandLineTest {

  private static MilterBenchOptions parse(String line) throws Exception {
    return BenchCommandLine.parseMilter(
        new DefaultParser().parse(BenchCommandLine.options(), line.split(" ")));
  }

  @Test
  void parsesEveryOption() throws Exception {
    assertThat(
            parse(
                "milter --target unix:/tmp/m.sock --connections 8 --messages 500 --size 4096"
                    + " --warm-up-messages 10"))
        .isEqualTo(
            new MilterBenchOptions(
                new ListenAddress.Unix(java.nio.file.Path.of("/tmp/m.sock")), 8, 500, 4096, 10));
  }

  @Test
  void defaultsToSixteenConnectionsAndTwoKibibyteMessages() throws Exception {
    assertThat(parse("milter --target inet:127.0.0.1:8891"))
        .isEqualTo(
            new MilterBenchOptions(
                new ListenAddress.Inet("127.0.0.1", 8891), 16, 100_000, 2048, 20_000));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "milter",
        "milter --target nowhere",
        "milter --target inet:127.0.0.1:1 --connections 0",
        "milter --target inet:127.0.0.1:1 --connections 4 --messages 3",
        "milter --target inet:127.0.0.1:1 --size 10",
        "milter --target inet:127.0.0.1:1 --messages many",
        "milter --target inet:127.0.0.1:1 --seconds 10",
        "milter --target inet:127.0.0.1:1 --map forward"
      })
  void refusesBadCommandLines(String line) {
    assertThatThrownBy(() -> parse(line)).isInstanceOf(BenchUsageException.class);
  }

  @Test
  void theRequestProtocolsRefuseTheMilterOptions() {
    assertThatThrownBy(
            () ->
                BenchCommandLine.parse(
                    new DefaultParser()
                        .parse(
                            BenchCommandLine.options(),
                            new String[] {
                              "socketmap", "--target", "inet:127.0.0.1:1", "--messages", "5"
                            })))
        .isInstanceOf(BenchUsageException.class)
        .hasMessageContaining("--messages");
  }

  @Test
  void benchMainRunsTheMilterDriverAndExitsTwoOnUsageErrors() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(BenchMain.run(new String[] {"milter", "--size", "1"}, outStream, errStream))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("milter --target ADDR");
    assertThat(
            BenchMain.run(
                new String[] {
                  "milter", "--target", "inet:127.0.0.1:1", "--messages", "1", "--connections", "1"
                },
                outStream,
                errStream))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot connect");
  }
}
