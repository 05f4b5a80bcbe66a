package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigFile;
import org.postern.common.server.DaemonServer;
import org.postern.common.stats.ServiceStats;
import org.postern.srs.SrsRewriterFactory;
import org.postern.srs.SrsSettings;
import org.postern.testing.FreePorts;

class SrsCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  @TempDir Path directory;
  private Path secrets;

  @BeforeEach
  void writeSecrets() throws IOException {
    secrets = directory.resolve("srs.secrets");
    Files.writeString(secrets, "tops3cr3t\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return new Main()
        .run(
            args,
            new Terminal(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void forwardThenReverseGivesTheSenderBack() {
    int forwarded =
        run(
            "srs",
            "--domain",
            "srs.example.com",
            "--secrets",
            secrets.toString(),
            "forward",
            "alice@foreign.example");
    assertThat(forwarded).as(stderr()).isEqualTo(Main.OK);
    String srsAddress = stdout();
    assertThat(srsAddress)
        .matches("SRS0=[A-Za-z0-9_-]{4}=[A-Z2-7]{2}=foreign\\.example=alice@srs\\.example\\.com");

    int reversed =
        run(
            "srs",
            "--domain",
            "srs.example.com",
            "--secrets",
            secrets.toString(),
            "reverse",
            srsAddress);
    assertThat(reversed).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).isEqualTo("alice@foreign.example");
  }

  @Test
  void optionsComeFromTheConfigFileToo() throws IOException {
    Path config = directory.resolve("postern.yaml");
    Files.writeString(
        config,
        "srs:\n  srs-domain: srs.example.com\n  secrets: "
            + secrets
            + "\n  hash-encoding: base64\n");
    assertThat(run("srs", "--config", config.toString(), "forward", "test@otherdomain.com"))
        .as(stderr())
        .isEqualTo(Main.OK);
    assertThat(stdout()).endsWith("=otherdomain.com=test@srs.example.com");
  }

  @Test
  void aForgedAddressExitsOneWithTheReason() {
    int status =
        run(
            "srs",
            "--domain",
            "srs.example.com",
            "--secrets",
            secrets.toString(),
            "reverse",
            "SRS0=xxxx=2W=otherdomain.com=test@srs.example.com");
    assertThat(status).isEqualTo(Main.FAILURE);
    assertThat(stderr()).contains("hash does not match");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void anAddressOutsideTheSrsDomainIsNotApplicable() {
    int status =
        run(
            "srs",
            "--domain",
            "srs.example.com",
            "--secrets",
            secrets.toString(),
            "reverse",
            "bob@elsewhere.example");
    assertThat(status).isEqualTo(Main.FAILURE);
    assertThat(stderr()).contains("not applicable");
  }

  @Test
  void aGroupReadableSecretsFileIsARuntimeFailure() throws IOException {
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r-----"));
    int status =
        run(
            "srs",
            "--domain",
            "srs.example.com",
            "--secrets",
            secrets.toString(),
            "forward",
            "a@b.example");
    assertThat(status).isEqualTo(Main.FAILURE);
    assertThat(stderr()).contains(secrets.toString()).contains("group or others");
  }

  @Test
  void aMissingDomainIsAUsageError() {
    assertThat(run("srs", "--secrets", secrets.toString(), "forward", "a@b.example"))
        .isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--domain");
  }

  @Test
  void aMissingSecretsFileOptionIsAUsageError() {
    assertThat(run("srs", "--domain", "srs.example.com", "forward", "a@b.example"))
        .isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--secrets");
  }

  @Test
  void aBadOptionValueIsAUsageErrorNamingTheOption() {
    assertThat(
            run(
                "srs",
                "--domain",
                "user@srs.example.com",
                "--secrets",
                secrets.toString(),
                "forward",
                "a@b.example"))
        .isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--domain");
    assertThat(
            run(
                "srs",
                "--domain",
                "srs.example.com",
                "--secrets",
                secrets.toString(),
                "--max-age",
                "0",
                "forward",
                "a@b.example"))
        .isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--max-age");
  }

  @Test
  void strayArgumentsAreAUsageError() {
    assertThat(
            run("srs", "--domain", "d.example", "--secrets", secrets.toString(), "sideways", "x"))
        .isEqualTo(Main.USAGE);
    assertThat(run("srs", "--domain", "d.example", "--secrets", secrets.toString(), "forward"))
        .isEqualTo(Main.USAGE);
  }

  @Test
  void helpDocumentsTheOneShotsAndThePostfixLines() {
    assertThat(run("help", "srs")).isEqualTo(Main.OK);
    assertThat(stdout())
        .contains("usage: postern srs [options] [forward ADDRESS | reverse ADDRESS]")
        .contains("--domain DOMAIN")
        .contains("--secrets FILE")
        .contains("--listen ADDR")
        .contains("sender_canonical_maps = socketmap:inet:127.0.0.1:10003:forward")
        .contains("recipient_canonical_classes = envelope_recipient, header_recipient");
  }

  @Test
  void theDaemonAnswersSocketmapLookupsAndCountsThem() throws Exception {
    SrsSettings settings =
        SrsSettings.defaults().withSrsDomain("srs.example.com").withSecrets(secrets);
    int tcpTablePort = FreePorts.allocate();
    settings =
        ConfigFile.parse(
                "test.yaml",
                "srs:\n"
                    + "  listen: [inet:127.0.0.1:0]\n"
                    + "  srs-domain: srs.example.com\n"
                    + "  secrets: "
                    + secrets
                    + "\n"
                    + "  tcp-table-forward: [inet:127.0.0.1:"
                    + tcpTablePort
                    + "]\n")
            .section("srs", SrsSettings.class);
    Terminal quiet =
        new Terminal(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try (DaemonLauncher launcher = new DaemonLauncher(quiet)) {
      DaemonServer server =
          SrsCommand.start(settings, SrsRewriterFactory.create(settings), launcher);
      ListenAddress.Inet bound = (ListenAddress.Inet) server.boundAddresses().get(0);
      try (Socket socket = new Socket("127.0.0.1", bound.port())) {
        OutputStream requests = socket.getOutputStream();
        InputStream replies = socket.getInputStream();
        requests.write(
            (netstring("forward a@foreign.example") + netstring("reverse nobody@elsewhere.example"))
                .getBytes(StandardCharsets.US_ASCII));
        requests.flush();
        String first = readNetstring(replies);
        assertThat(first).startsWith("OK SRS0=").endsWith("=foreign.example=a@srs.example.com");
        assertThat(readNetstring(replies)).isEqualTo("NOTFOUND ");
      }
      try (Socket socket = new Socket("127.0.0.1", tcpTablePort)) {
        socket
            .getOutputStream()
            .write("get a@foreign.example\n".getBytes(StandardCharsets.US_ASCII));
        String reply =
            new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertThat(reply).startsWith("200 SRS0=").endsWith("=foreign.example=a@srs.example.com");
      }
      ServiceStats stats = launcher.stats().services().get("srs");
      assertThat(stats.counters().get("requests").value()).isEqualTo(2);
      assertThat(stats.counters().get("outcome.ok").value()).isEqualTo(1);
      assertThat(stats.counters().get("outcome.notfound").value()).isEqualTo(1);
    }
  }

  private static String netstring(String payload) {
    return payload.length() + ":" + payload + ",";
  }

  private static String readNetstring(InputStream in) throws IOException {
    int length = 0;
    for (int b; (b = in.read()) != ':'; ) {
      if (b < 0) {
        throw new AssertionError("connection closed");
      }
      length = length * 10 + (b - '0');
    }
    byte[] payload = in.readNBytes(length);
    assertThat(in.read()).isEqualTo(',');
    return new String(payload, StandardCharsets.UTF_8);
  }
}
