package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
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

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownCommandIsAUsageErrorOnOneLine() {
    assertThat(run("nosuch")).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("unknown command 'nosuch'").hasLineCount(1);
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("no command given");
  }

  @Test
  void unknownOptionNamesTheOption() {
    assertThat(run("version", "--frobnicate")).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--frobnicate").hasLineCount(1);
  }

  @Test
  void badLogLevelIsAUsageError() {
    assertThat(run("version", "--log-level", "loud")).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--log-level").contains("loud");
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run("help")).isEqualTo(Main.OK);
    for (Command command : new Main().commands()) {
      assertThat(stdout()).contains(command.name()).contains(command.summary());
    }
  }

  @Test
  void helpForOneCommandShowsItsOptions() {
    assertThat(run("help", "stats")).isEqualTo(Main.OK);
    assertThat(stdout())
        .contains("usage: postern stats")
        .contains("--stats ADDR")
        .contains("--json");
  }

  @Test
  void helpForAnUnknownCommandIsAUsageError() {
    assertThat(run("help", "nosuch")).isEqualTo(Main.USAGE);
  }

  @Test
  void versionPrintsTheBuiltVersion() {
    assertThat(run("version")).isEqualTo(Main.OK);
    assertThat(stdout()).startsWith("postern ").doesNotContain("${").doesNotContain("unknown");
  }

  @Test
  void statsAgainstNothingIsARuntimeFailure() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(run("stats", "--stats", "inet:127.0.0.1:" + port)).isEqualTo(Main.FAILURE);
    assertThat(stderr()).contains("nothing answers at inet:127.0.0.1:" + port);
  }

  @Test
  void statsRefusesAUnixAddress() {
    assertThat(run("stats", "--stats", "unix:/tmp/x.sock")).isEqualTo(Main.USAGE);
  }

  @Test
  void stackRejectsAMisspeltConfigSectionWithItsLine(@TempDir Path directory) throws IOException {
    Path config = directory.resolve("postern.yaml");
    Files.writeString(config, "stats:\n  listen: inet:127.0.0.1:0\nstast:\n  listen: x\n");
    assertThat(run("stack", "--config", config.toString())).isEqualTo(Main.FAILURE);
    assertThat(stderr()).contains("postern.yaml:3").contains("stast");
  }
}
