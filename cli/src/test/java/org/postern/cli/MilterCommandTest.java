package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.milter.server.MilterSettings;

class MilterCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Terminal terminal =
      new Terminal(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void theStartedMilterNegotiatesTheDefaultChainsActions() throws Exception {
    MilterSettings defaults = MilterSettings.defaults();
    MilterSettings settings =
        new MilterSettings(
            ListenAddress.parse("inet:127.0.0.1:0"),
            defaults.handlers(),
            defaults.stageTimeout(),
            defaults.maxFrameSize());
    try (DaemonLauncher launcher = new DaemonLauncher(terminal)) {
      DaemonServer server = MilterCommand.start(settings, launcher);
      ListenAddress.Inet bound = (ListenAddress.Inet) server.boundAddresses().get(0);

      try (Socket socket = new Socket("127.0.0.1", bound.port())) {
        DataOutputStream request = new DataOutputStream(socket.getOutputStream());
        request.writeInt(13);
        request.writeByte('O');
        request.writeInt(6);
        request.writeInt(0x1ff);
        request.writeInt(0x1fffff);
        request.flush();
        DataInputStream reply = new DataInputStream(socket.getInputStream());
        int length = reply.readInt();
        assertThat(reply.readByte()).isEqualTo((byte) 'O');
        assertThat(reply.readInt()).isEqualTo(6);
        assertThat(reply.readInt() & 0x01).as("add headers").isEqualTo(0x01);
        assertThat(length).isGreaterThanOrEqualTo(13);
      }
      assertThat(launcher.stats().service("milter").counter("connections").value()).isEqualTo(1);
    }
  }

  @Test
  void aBadListenAddressIsAUsageErrorNamingTheOption() {
    int status = new Main().run(new String[] {"milter", "--listen", "nowhere"}, terminal);

    assertThat(status).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--listen");
  }

  @Test
  void aBadHandlerInTheConfigFailsWithItsLine(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("postern.yaml");
    Files.writeString(config, "milter:\n  handlers:\n    - {type: add-header}\n");

    int status = new Main().run(new String[] {"milter", "--config", config.toString()}, terminal);

    assertThat(status).isEqualTo(Main.FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("postern.yaml:3");
  }

  @Test
  void helpShowsTheMilterOptions() {
    assertThat(new Main().run(new String[] {"help", "milter"}, terminal)).isEqualTo(Main.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--listen")
        .contains("--config")
        .contains("--stage-timeout");
  }
}
