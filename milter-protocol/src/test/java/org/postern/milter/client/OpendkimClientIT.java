package org.postern.milter.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.Verdict;
import org.postern.testing.FreePorts;
import org.postern.testing.Peers;

/** MilterClient drives the real opendkim milter, which signs; dkimpy checks the signature. */
class OpendkimClientIT {
  private static final String DOMAIN = "example.test";
  private static final String SELECTOR = "test";
  private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path directory;
  private Path opendkim;
  private Process milter;
  private MilterClientFactory factory;

  @BeforeEach
  void generateKey() throws Exception {
    opendkim = Peers.require("opendkim");
    Path genkey = Peers.require("opendkim-genkey");
    Peers.require("python3");
    Process keygen =
        new ProcessBuilder(
                genkey.toString(), "-D", directory.toString(), "-d", DOMAIN, "-s", SELECTOR)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("genkey.log").toFile())
            .start();
    assertThat(keygen.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keygen.exitValue()).as(log("genkey.log")).isZero();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (factory != null) {
      factory.close();
    }
    if (milter != null) {
      milter.destroy();
      if (!milter.waitFor(10, TimeUnit.SECONDS)) {
        milter.destroyForcibly();
      }
    }
  }

  @Test
  void opendkimSignsAMessageSentOverTcp() throws Exception {
    int port = FreePorts.allocate();
    MilterClient client =
        start("inet:" + port + "@127.0.0.1", new ListenAddress.Inet("127.0.0.1", port));
    MessageContent message = message("<tcp-1@example.test>");
    MilterResult result = sign(client, message, "4TcpQueue1");
    assertSignedAndVerifies(client, message, result);
    await(client.quit());
  }

  @Test
  void opendkimSignsAMessageSentOverAUnixSocket() throws Exception {
    Path socket = directory.resolve("opendkim.sock");
    MilterClient client = start("local:" + socket, new ListenAddress.Unix(socket));
    MessageContent message = message("<unix-1@example.test>");
    MilterResult result = sign(client, message, "4UnixQueue1");
    assertSignedAndVerifies(client, message, result);
    await(client.quit());
  }

  @Test
  void oneConnectionCarriesTwoMessagesOfOneSession() throws Exception {
    Path socket = directory.resolve("opendkim.sock");
    MilterClient client = start("local:" + socket, new ListenAddress.Unix(socket));
    MessageContent first = message("<reuse-1@example.test>");
    assertSignedAndVerifies(client, first, sign(client, first, "4Reuse1"));
    // libmilter ignores QUIT_NC after a message it accepted (see NOTES.md), so the second
    // message follows in the same SMTP session: MAIL again, as Postfix does.
    MessageContent second = message("<reuse-2@example.test>");
    client.macros(MacroStage.MAIL, Map.of("i", "4Reuse2", "{auth_authen}", "alice"));
    client.mail("<alice@example.test>", List.of());
    client.rcpt("<bob@example.org>", List.of());
    client.data();
    assertSignedAndVerifies(client, second, await(client.content(second)));
    assertThat(client.isOpen()).isTrue();
    await(client.quit());
  }

  private MilterClient start(String socketSpec, ListenAddress address) throws Exception {
    Path config = directory.resolve("opendkim.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Mode s",
            "Domain " + DOMAIN,
            "Selector " + SELECTOR,
            "KeyFile " + directory.resolve(SELECTOR + ".private"),
            "Socket " + socketSpec,
            "Background no",
            "Syslog no",
            "UserID root",
            // Keys in a temp directory of root's: the check would only log, but say it is fine.
            "RequireSafeKeys false",
            "PidFile " + directory.resolve("opendkim.pid"),
            ""));
    milter =
        new ProcessBuilder(opendkim.toString(), "-f", "-x", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("opendkim.log").toFile())
            .start();
    factory =
        MilterClientFactory.builder(address)
            .connectTimeout(Duration.ofSeconds(5))
            .commandTimeout(Duration.ofSeconds(20))
            .contentTimeout(Duration.ofSeconds(20))
            .build();
    // opendkim binds after reading its key and config; retry until it accepts.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        return factory.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException notYet) {
        if (!milter.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "opendkim did not accept connections: " + log("opendkim.log"), notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  private static MessageContent message(String messageId) {
    String text =
        String.join(
            "\r\n",
            "From: Alice <alice@example.test>",
            "To: Bob <bob@example.org>",
            "Subject: signed by opendkim through MilterClient",
            "Date: Tue, 25 Nov 2025 10:00:00 +0000",
            "Message-ID: " + messageId,
            "",
            "Hello Bob,",
            "",
            "this line ends with spaces   ",
            "-- ",
            "Alice",
            "");
    return MessageContent.parse(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends the message the way Postfix does for an authenticated submission from loopback. */
  private static MilterResult sign(MilterClient client, MessageContent message, String queueId) {
    client.macros(
        MacroStage.CONNECT,
        Map.of("j", "mx.example.test", "{daemon_name}", "postern-test", "_", "localhost"));
    client.macros(
        MacroStage.MAIL, Map.of("i", queueId, "{auth_type}", "PLAIN", "{auth_authen}", "alice"));
    List<CompletionStage<Verdict>> envelope = new ArrayList<>();
    envelope.add(client.connect("localhost", AddressFamily.INET, "127.0.0.1", 40000));
    envelope.add(client.helo("localhost"));
    envelope.add(client.mail("<alice@example.test>", List.of()));
    envelope.add(client.rcpt("<bob@example.org>", List.of()));
    envelope.add(client.data());
    MilterResult result = await(client.content(message));
    for (CompletionStage<Verdict> step : envelope) {
      assertThat(await(step)).isInstanceOf(Verdict.Continue.class);
    }
    return result;
  }

  private void assertSignedAndVerifies(
      MilterClient client, MessageContent message, MilterResult result) throws Exception {
    assertThat(result.delivers()).as("verdict %s", result.verdict()).isTrue();
    List<String> signatures = new ArrayList<>();
    for (MessageModification modification : result.modifications()) {
      if (modification instanceof MessageModification.AddHeader add
          && add.name().equalsIgnoreCase("DKIM-Signature")) {
        signatures.add(add.value());
      } else if (modification instanceof MessageModification.InsertHeader insert
          && insert.name().equalsIgnoreCase("DKIM-Signature")) {
        signatures.add(insert.value());
      }
    }
    assertThat(signatures).as("modifications %s", result.modifications()).hasSize(1);
    String tags = signatures.get(0).replaceAll("\\s+", "");
    assertThat(tags).contains("d=" + DOMAIN + ";").contains("s=" + SELECTOR + ";");

    boolean leadingSpace = client.options().has(ProtocolFlag.HEADER_LEADING_SPACE);
    byte[] signed = message.apply(result.modifications(), leadingSpace).toBytes();
    Path file = Files.createTempFile(directory, "signed-", ".eml");
    Files.write(file, signed);
    assertThat(verify(file)).as(new String(signed, StandardCharsets.ISO_8859_1)).isEqualTo(0);

    // The same check must fail once the body changed: the verifier is not a rubber stamp.
    Path tampered = Files.createTempFile(directory, "tampered-", ".eml");
    Files.writeString(
        tampered,
        new String(signed, StandardCharsets.ISO_8859_1).replace("Hello Bob", "Hello Eve"),
        StandardCharsets.ISO_8859_1);
    assertThat(verify(tampered)).isEqualTo(1);
  }

  private int verify(Path message) throws IOException, InterruptedException, URISyntaxException {
    Path script = Path.of(getClass().getResource("/dkim/verify_signature.py").toURI());
    Path python = Files.isExecutable(SYSTEM_PYTHON) ? SYSTEM_PYTHON : Peers.require("python3");
    Path output = Files.createTempFile(directory, "verify-", ".log");
    Process process =
        new ProcessBuilder(
                python.toString(),
                script.toString(),
                directory.resolve(SELECTOR + ".txt").toString(),
                DOMAIN,
                SELECTOR,
                message.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(output);
    assertThat(printed).as("verifier output").contains("dkim verify:");
    return process.exitValue();
  }

  private String log(String name) {
    try {
      return Files.readString(directory.resolve(name));
    } catch (IOException e) {
      return "(no " + name + ": " + e.getMessage() + ")";
    }
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("stage failed: " + MilterClient.unwrap(e), e);
    }
  }
}
