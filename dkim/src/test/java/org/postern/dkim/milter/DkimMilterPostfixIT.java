package org.postern.dkim.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.keys.PrivateKeyFiles;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.signing.DkimSigner;
import org.postern.dkim.signing.SigningSession;
import org.postern.milter.filter.FilterChain;
import org.postern.milter.filter.MilterFilterRegistry;
import org.postern.milter.server.MilterServer;
import org.postern.testing.CapturedMessage;
import org.postern.testing.CapturingSmtpSink;
import org.postern.testing.Peers;
import org.postern.testing.PrivatePostfix;
import org.postern.testing.Swaks;
import org.postern.testing.SwaksResult;

/**
 * Real Postfix calling the dkim-sign and dkim-verify filters of our in-process MilterServer over
 * TCP and a unix socket; swaks submits, the capturing sink receives what Postfix relays, dkimpy
 * checks our signatures.
 */
class DkimMilterPostfixIT {
  private static final Duration DELIVERY = Duration.ofSeconds(60);
  private static final String DOMAIN = "sender.test";
  private static final String SELECTOR = "pf2048";
  private static final String AUTHSERV_ID = "mx.postern.test";

  private static Path directory;
  private static Path dnsFile;
  private static KeyPair keys;
  private static FilterChain chain;

  @BeforeAll
  static void setUp() throws Exception {
    Peers.require("postfix");
    Peers.require("swaks");
    Peers.require("python3");
    Peers.requireRoot();
    directory = Files.createTempDirectory("postern-dkim-milter-");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    Path keyFile = directory.resolve(SELECTOR + ".key");
    PrivateKeyFiles.write(keyFile, keys.getPrivate());
    dnsFile = directory.resolve("dns");
    Files.writeString(
        dnsFile,
        org.postern.dkim.dns.KeyLookup.keyName(SELECTOR, DOMAIN)
            + " "
            + DnsRecordText.value(keys.getPublic())
            + "\n");
    try (InputStream in =
        DkimMilterPostfixIT.class.getResourceAsStream("/org/postern/dkim/cross/dkimpy_verify.py")) {
      Files.write(directory.resolve("dkimpy_verify.py"), in.readAllBytes());
    }
    // Only 127.0.0.1 is ours: swaks from 127.0.0.2 plays an outside sender.
    List<String> ours = List.of("127.0.0.1/32");
    chain =
        MilterFilterRegistry.installed()
            .chain(
                List.of(
                    DkimVerifySettings.defaults().with(AUTHSERV_ID, ours, dnsFile),
                    DkimSignSettings.forDomain(
                            DOMAIN, List.of(new SigningKeySettings(SELECTOR, keyFile, true)))
                        .withNetworks(ours)));
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (chain != null) {
      chain.close();
    }
    if (directory != null) {
      try (var files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(directory);
    }
  }

  @Test
  void mailFromOurNetworkIsSignedOverTcpAndVerifiesWithDkimpy() throws Exception {
    assertSignedThrough(ListenAddress.parse("inet:127.0.0.1:0"), "tcp");
  }

  @Test
  void mailFromOurNetworkIsSignedOverAUnixSocketAndVerifiesWithDkimpy() throws Exception {
    Path sockets = Files.createDirectories(directory.resolve("sockets"));
    assertSignedThrough(new ListenAddress.Unix(sockets.resolve("milter.sock")), "unix");
  }

  @Test
  void inboundSignedMailGetsDkimPassAndAForgedResultIsRemoved() throws Exception {
    String unsigned =
        String.join(
            "\r\n",
            "From: Carol <carol@" + DOMAIN + ">",
            "To: dave@remote.test",
            "Subject: inbound signed",
            "Date: Tue, 25 Nov 2025 10:00:00 +0000",
            "Message-ID: <inbound-1@" + DOMAIN + ">",
            "X-Test-Id: inbound-1",
            "Authentication-Results: " + AUTHSERV_ID + "; dkim=pass header.d=forged.example",
            "",
            "Signed outside, verified by our milter.",
            "");
    Path message = directory.resolve("inbound.eml");
    Files.write(message, signWithLibrary(unsigned));

    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        DaemonServer milter = startMilter(ListenAddress.parse("inet:127.0.0.1:0"));
        PrivatePostfix postfix = postfixWith(milter.boundAddresses().get(0), sink)) {
      SwaksResult result =
          Swaks.builder()
              .port(postfix.smtpPort())
              .from("carol@" + DOMAIN)
              .to("dave@remote.test")
              .arguments("--local-interface", "127.0.0.2", "--data", "@" + message)
              .run();
      assertThat(result.succeeded()).as(result.output()).isTrue();

      CapturedMessage delivered = await(sink, "inbound-1");
      List<String> results = delivered.headers("Authentication-Results");
      assertThat(results).as(delivered.headerSection()).hasSize(1);
      assertThat(results.get(0).replaceAll("\\s+", " "))
          .startsWith(AUTHSERV_ID + ";")
          .contains("dkim=pass header.d=" + DOMAIN + " header.s=" + SELECTOR + " header.b=");
      assertThat(delivered.headerSection()).doesNotContain("forged.example");
      // Inserted at the top, above Postfix's own Received.
      assertThat(delivered.headerSection().indexOf("Authentication-Results:"))
          .isLessThan(delivered.headerSection().indexOf("Received:"));
      assertThat(delivered.headers("DKIM-Signature")).hasSize(1);
    }
  }

  private static void assertSignedThrough(ListenAddress address, String id) throws Exception {
    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        DaemonServer milter = startMilter(address);
        PrivatePostfix postfix = postfixWith(milter.boundAddresses().get(0), sink)) {
      SwaksResult result =
          Swaks.builder()
              .port(postfix.smtpPort())
              .from("alice@" + DOMAIN)
              .to("bob@remote.test")
              .header("From", "Alice <alice@" + DOMAIN + ">")
              .header("Subject", "signed over " + id)
              .header("X-Test-Id", id)
              .body("Hello Bob,\n\nthis line ends with spaces   \n\n\n")
              .arguments("--local-interface", "127.0.0.1")
              .run();
      assertThat(result.succeeded()).as(result.output()).isTrue();

      CapturedMessage delivered = await(sink, id);
      assertThat(delivered.headers("DKIM-Signature")).as(delivered.headerSection()).hasSize(1);
      assertThat(delivered.headers("Authentication-Results")).isEmpty();
      assertThat(delivered.headerSection()).startsWith("DKIM-Signature: v=1; a=rsa-sha256;");
      Path copy = directory.resolve("delivered-" + id + ".eml");
      Files.write(copy, delivered.data());
      assertThat(dkimpy(copy)).as(delivered.text()).isEqualTo(0);

      // dkimpy is no rubber stamp: the same copy with a changed body fails.
      Path tampered = directory.resolve("tampered-" + id + ".eml");
      Files.writeString(
          tampered,
          delivered.text().replace("Hello Bob", "Hello Eve"),
          StandardCharsets.ISO_8859_1);
      assertThat(dkimpy(tampered)).isNotEqualTo(0);
    } finally {
      if (address instanceof ListenAddress.Unix unix) {
        Files.deleteIfExists(unix.path());
        Files.deleteIfExists(unix.path().getParent());
      }
    }
  }

  private static DaemonServer startMilter(ListenAddress address) throws Exception {
    DaemonServer server =
        MilterServer.builder(chain).build().daemonServer(List.of(address)).build();
    server.start();
    if (address instanceof ListenAddress.Unix unix) {
      allowPostfix(unix.path());
    }
    return server;
  }

  /** Postfix's smtpd runs as user postfix: give its group the socket and the way to it. */
  private static void allowPostfix(Path socket) throws IOException {
    GroupPrincipal postfix =
        socket
            .getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByGroupName("postfix");
    Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(postfix);
    Path sockets = socket.getParent();
    Files.getFileAttributeView(sockets, PosixFileAttributeView.class).setGroup(postfix);
    Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxr-x---"));
    Files.getFileAttributeView(directory, PosixFileAttributeView.class).setGroup(postfix);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x---"));
  }

  private static PrivatePostfix postfixWith(ListenAddress milter, CapturingSmtpSink sink) {
    return PrivatePostfix.builder()
        .relayDomain("remote.test", sink.port())
        .mainCf("smtpd_milters", milter.toString())
        .mainCf("non_smtpd_milters", milter.toString())
        .mainCf("milter_default_action", "tempfail")
        .mainCf("milter_protocol", "6")
        .mainCf("milter_connect_timeout", "5s")
        .start();
  }

  private static CapturedMessage await(CapturingSmtpSink sink, String id) {
    return sink.awaitMessage(m -> m.header("X-Test-Id").equals(Optional.of(id)), DELIVERY);
  }

  private static byte[] signWithLibrary(String message) throws Exception {
    int split = message.indexOf("\r\n\r\n");
    SigningSession session =
        DkimSigner.builder()
            .key(SigningKey.of(DOMAIN, SELECTOR, keys.getPrivate()))
            .build()
            .newSession();
    for (String line : message.substring(0, split).split("\r\n")) {
      int colon = line.indexOf(':');
      session.header(new HeaderField(line.substring(0, colon), line.substring(colon + 1)));
    }
    session.body(message.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1));
    StringBuilder signed = new StringBuilder();
    for (HeaderField field : session.finish()) {
      signed.append(field.raw()).append("\r\n");
    }
    return signed.append(message).toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int dkimpy(Path message) throws Exception {
    Process process =
        new ProcessBuilder(
                "/usr/bin/python3",
                directory.resolve("dkimpy_verify.py").toString(),
                dnsFile.toString(),
                message.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("dkimpy timed out");
    }
    System.out.println(output);
    return process.exitValue();
  }
}
