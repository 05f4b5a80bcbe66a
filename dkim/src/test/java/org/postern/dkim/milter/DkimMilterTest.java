package org.postern.dkim.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.dkim.dns.StaticKeyLookup;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.keys.PrivateKeyFiles;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;
import org.postern.milter.builtin.AddHeaderSettings;
import org.postern.milter.client.MessageContent;
import org.postern.milter.client.MilterClient;
import org.postern.milter.client.MilterClientFactory;
import org.postern.milter.client.MilterResult;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.filter.FilterChain;
import org.postern.milter.filter.MilterFilterRegistry;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.Verdict;
import org.postern.milter.server.MilterServer;

/** The dkim-sign and dkim-verify filters behind a real MilterServer, driven by MilterClient. */
class DkimMilterTest {
  private static final String DOMAIN = "example.org";
  private static final String SELECTOR = "sel2048";
  private static final String AUTHSERV_ID = "mx.test.example";

  @TempDir static Path directory;
  private static KeyPair keys;
  private static FilterChain chain;
  private static DaemonServer server;
  private static MilterClientFactory clients;
  private static StaticKeyLookup dns;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    Path keyFile = directory.resolve("sel2048.key");
    PrivateKeyFiles.write(keyFile, keys.getPrivate());
    Path dnsFile = directory.resolve("keys.dns");
    Files.writeString(dnsFile, DnsRecordText.zoneLine(SELECTOR, DOMAIN, keys.getPublic()) + "\n");
    dns = StaticKeyLookup.fromFile(dnsFile);

    DkimSignSettings sign =
        DkimSignSettings.forDomain(DOMAIN, List.of(new SigningKeySettings(SELECTOR, keyFile, true)))
            .withNetworks(List.of("127.0.0.1/32"));
    DkimVerifySettings verify =
        DkimVerifySettings.defaults().with(AUTHSERV_ID, List.of("127.0.0.1/32"), dnsFile);
    chain =
        MilterFilterRegistry.installed()
            .chain(List.of(verify, sign, new AddHeaderSettings("X-Checked", "yes")));
    server =
        MilterServer.builder(chain)
            .build()
            .daemonServer(List.of(ListenAddress.parse("inet:127.0.0.1:0")))
            .build();
    server.start();
    clients =
        MilterClientFactory.builder(server.boundAddresses().get(0))
            .commandTimeout(Duration.ofSeconds(20))
            .contentTimeout(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  static void stop() {
    if (clients != null) {
      clients.close();
    }
    if (server != null) {
      server.close();
    }
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void theRegistryKnowsTheDkimTypesAndTheDefaultChainVerifies() {
    assertThat(MilterFilterRegistry.installed().types())
        .containsExactly("add-header", "dkim-sign", "dkim-verify", "log");
    assertThat(org.postern.milter.server.MilterSettings.defaults().handlers())
        .hasSize(3)
        .first()
        .isInstanceOf(DkimVerifySettings.class);
  }

  @Test
  void mailFromAnInternalNetworkIsSignedAndTheSignatureVerifies() throws Exception {
    MessageContent message = message("Signed from loopback", "plain body\r\n\r\n\r\n");
    Delivered delivered = send(message, "127.0.0.1", Map.of());

    assertThat(delivered.inserted("DKIM-Signature")).hasSize(1);
    assertThat(delivered.inserted("Authentication-Results")).isEmpty();
    assertThat(delivered.text()).contains("X-Checked: yes");
    assertThat(DkimTestMessages.verify(dns, delivered.bytes()))
        .extracting(DkimResult::status)
        .containsExactly(DkimStatus.PASS);
    byte[] tampered =
        delivered.text().replace("plain body", "plain b0dy").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(DkimTestMessages.verify(dns, tampered))
        .extracting(DkimResult::status)
        .containsExactly(DkimStatus.FAIL);
  }

  @Test
  void anAuthenticatedClientFromOutsideIsSignedToo() throws Exception {
    Delivered delivered =
        send(message("Authenticated", "hi\r\n"), "192.0.2.7", Map.of("{auth_authen}", "alice"));

    assertThat(delivered.inserted("DKIM-Signature")).hasSize(1);
    assertThat(DkimTestMessages.verify(dns, delivered.bytes()))
        .extracting(DkimResult::status)
        .containsExactly(DkimStatus.PASS);
  }

  @Test
  void aDomainWithoutKeyIsNotSigned() throws Exception {
    MessageContent message =
        MessageContent.parse(
            ("From: someone@other.example\r\nSubject: x\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    Delivered delivered = send(message, "127.0.0.1", Map.of());

    assertThat(delivered.inserted("DKIM-Signature")).isEmpty();
    assertThat(delivered.result().delivers()).isTrue();
  }

  @Test
  void inboundSignedMailGetsDkimPassAndForgedResultsAreRemoved() throws Exception {
    MessageContent unsigned =
        message("Inbound", "Hello from outside\r\n")
            .apply(
                List.of(
                    new MessageModification.InsertHeader(
                        0,
                        "Authentication-Results",
                        AUTHSERV_ID + "; dkim=pass header.d=bank.example"),
                    new MessageModification.AddHeader(
                        "Authentication-Results", "other.example; dkim=fail")),
                false);
    MessageContent signed = signedByLibrary(unsigned);

    Delivered delivered = send(signed, "192.0.2.1", Map.of());

    List<String> results = delivered.inserted("Authentication-Results");
    assertThat(results).hasSize(1);
    assertThat(results.get(0).replaceAll("\\s+", " "))
        .startsWith(" " + AUTHSERV_ID + ";")
        .contains("dkim=pass header.d=" + DOMAIN + " header.s=" + SELECTOR + " header.b=");
    assertThat(delivered.result().modifications())
        .contains(new MessageModification.ChangeHeader(1, "Authentication-Results", ""));
    assertThat(delivered.text())
        .doesNotContain("header.d=bank.example")
        .contains("other.example; dkim=fail");
    assertThat(delivered.inserted("DKIM-Signature")).isEmpty();
  }

  @Test
  void inboundMailWithABrokenSignatureFails() throws Exception {
    MessageContent signed = signedByLibrary(message("Broken", "original\r\n"));
    MessageContent changed =
        MessageContent.parse(
            new String(signed.toBytes(), StandardCharsets.ISO_8859_1)
                .replace("original", "changed!")
                .getBytes(StandardCharsets.ISO_8859_1));

    Delivered delivered = send(changed, "192.0.2.1", Map.of());

    assertThat(delivered.inserted("Authentication-Results").get(0)).contains("dkim=fail");
  }

  @Test
  void unsignedInboundMailGetsDkimNone() throws Exception {
    Delivered delivered = send(message("Unsigned", "x\r\n"), "198.51.100.3", Map.of());

    assertThat(delivered.inserted("Authentication-Results").get(0)).contains("dkim=none");
  }

  private static MessageContent signedByLibrary(MessageContent message) throws Exception {
    return DkimTestMessages.signedByLibrary(message, keys.getPrivate(), DOMAIN, SELECTOR);
  }

  private static MessageContent message(String subject, String body) {
    String text =
        "From: \"Alice (Sales)\" <alice@Example.ORG>\r\n"
            + "To: bob@example.net\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "Date: Tue, 25 Nov 2025 10:00:00 +0000\r\n"
            + "Message-ID: <"
            + subject.hashCode()
            + "@example.org>\r\n"
            + "X-Folded: first\r\n\tsecond line\r\n"
            + "\r\n"
            + body;
    return MessageContent.parse(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Delivered send(MessageContent message, String address, Map<String, String> mail)
      throws Exception {
    try (MilterClient client = clients.connect().toCompletableFuture().get(10, TimeUnit.SECONDS)) {
      Map<String, String> mailMacros = new java.util.HashMap<>(mail);
      mailMacros.put("i", "QID" + Math.abs(address.hashCode()));
      client.macros(MacroStage.MAIL, mailMacros);
      List<CompletionStage<Verdict>> envelope = new ArrayList<>();
      envelope.add(client.connect("client.example", AddressFamily.INET, address, 40000));
      envelope.add(client.helo("client.example"));
      envelope.add(client.mail("<alice@example.org>", List.of()));
      envelope.add(client.rcpt("<bob@example.net>", List.of()));
      envelope.add(client.data());
      MilterResult result = client.content(message).toCompletableFuture().get(20, TimeUnit.SECONDS);
      for (CompletionStage<Verdict> step : envelope) {
        assertThat(step.toCompletableFuture().get(10, TimeUnit.SECONDS))
            .isInstanceOf(Verdict.Continue.class);
      }
      assertThat(client.options().has(ProtocolFlag.HEADER_LEADING_SPACE)).isTrue();
      return new Delivered(result, message.apply(result.modifications(), true));
    }
  }

  private record Delivered(MilterResult result, MessageContent message) {
    List<String> inserted(String name) {
      List<String> values = new ArrayList<>();
      for (MessageModification modification : result.modifications()) {
        if (modification instanceof MessageModification.InsertHeader insert
            && insert.name().equalsIgnoreCase(name)) {
          values.add(insert.value());
        }
      }
      return values;
    }

    byte[] bytes() {
      return message.toBytes();
    }

    String text() {
      return new String(bytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
