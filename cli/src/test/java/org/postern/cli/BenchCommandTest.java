package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.common.stats.StatsRegistry;
import org.postern.greylist.GreylistService;
import org.postern.greylist.GreylistSettings;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.server.MilterServer;

class BenchCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new Main()
        .run(
            args,
            new Terminal(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bench",
        "bench policy",
        "bench smtp --target inet:127.0.0.1:1",
        "bench policy --target nowhere",
        "bench policy --target inet:127.0.0.1:1 --connections 0",
        "bench policy --target inet:127.0.0.1:1 --seconds soon",
        "bench policy tcp-table --target inet:127.0.0.1:1",
        "bench policy --target inet:127.0.0.1:1 --bogus 1",
        "bench milter",
        "bench milter --target inet:127.0.0.1:1 --seconds 3",
        "bench policy --target inet:127.0.0.1:1 --messages 3"
      })
  void badCommandLinesAreUsageErrors(String line) {
    assertThat(run(line.split(" "))).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("postern help bench");
  }

  @Test
  void anUnreachableTargetFails() {
    assertThat(run("bench", "tcp-table", "--target", "inet:127.0.0.1:1", "--seconds", "1"))
        .isEqualTo(Main.FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot connect");
  }

  @Test
  void drivesTheGreylistServiceAndReportsItsDeferrals(@TempDir Path data) throws Exception {
    GreylistService service =
        GreylistService.start(
            GreylistSettings.defaults(), data, Clock.systemUTC(), new StatsRegistry().service("g"));
    DaemonServer server =
        DaemonServer.builder("greylist")
            .addresses(List.of(ListenAddress.parse("inet:127.0.0.1:0")))
            .childHandler(service.channelInitializer())
            .build();
    int status;
    try {
      server.start();
      String target = server.boundAddresses().get(0).toString();
      status =
          run(
              "bench",
              "policy",
              "--target",
              target,
              "--connections",
              "2",
              "--seconds",
              "1",
              "--warm-up-seconds",
              "0");
    } finally {
      server.shutdown().join();
      service.close();
    }
    assertThat(status).isEqualTo(Main.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("policy inet:127.0.0.1:")
        .containsPattern("DEFER_IF_PERMIT [1-9]")
        .contains("DUNNO 0")
        .contains("errors 0")
        .contains("req/s");
  }

  @Test
  void drivesAMilterAndReportsItsVerdicts() throws Exception {
    DaemonServer server =
        MilterServer.builder(() -> new MilterHandler() {})
            .build()
            .daemonServer(List.of(ListenAddress.parse("inet:127.0.0.1:0")))
            .build();
    int status;
    try {
      server.start();
      String target = server.boundAddresses().get(0).toString();
      status =
          run(
              "bench",
              "milter",
              "--target",
              target,
              "--connections",
              "2",
              "--messages",
              "20",
              "--warm-up-messages",
              "2");
    } finally {
      server.shutdown().join();
      server.close();
    }
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Main.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("milter inet:127.0.0.1:")
        .contains("messages 20 ")
        .contains("Continue 20")
        .contains("errors 0")
        .contains("msgs/s");
  }
}
