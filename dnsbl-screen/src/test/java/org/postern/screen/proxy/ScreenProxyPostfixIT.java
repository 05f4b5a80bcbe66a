package org.postern.screen.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postern.screen.proxy.ProxyFixture.readLine;
import static org.postern.screen.proxy.ProxyFixture.send;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigFile;
import org.postern.common.server.DaemonServer;
import org.postern.common.stats.StatsRegistry;
import org.postern.screen.Rbldnsd;
import org.postern.screen.ScreenService;
import org.postern.screen.ScreenSettings;
import org.postern.testing.CapturedMessage;
import org.postern.testing.CapturingSmtpSink;
import org.postern.testing.FreePorts;
import org.postern.testing.Peers;
import org.postern.testing.PrivatePostfix;
import org.postern.testing.Swaks;
import org.postern.testing.SwaksResult;

/**
 * The proxy in front of a real Postfix smtpd on a loopback port that trusts its XCLIENT; rbldnsd
 * lists 127.0.0.5 and 127.0.0.6, the access list permits 127.0.0.6; swaks and raw sockets connect
 * from different 127/8 addresses.
 */
class ScreenProxyPostfixIT {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path directory;

  private static Rbldnsd rbldnsd;
  private static CapturingSmtpSink sink;
  private static PrivatePostfix postfix;
  private static DaemonServer server;
  private static int proxyPort;

  @BeforeAll
  static void start() throws Exception {
    Peers.require("postfix");
    Peers.require("swaks");
    Peers.require("rbldnsd");
    rbldnsd = Rbldnsd.start(Map.of("zen.test", "ip4set|:127.0.0.2:listed\n127.0.0.5\n127.0.0.6\n"));
    sink = CapturingSmtpSink.start();
    int smtpdPort = FreePorts.allocate();
    postfix =
        PrivatePostfix.builder()
            .relayDomain("remote.test", sink.port())
            .mainCf("smtpd_authorized_xclient_hosts", "127.0.0.0/8")
            .masterCfExtra("127.0.0.1:" + smtpdPort + " inet n - n - - smtpd")
            .start();
    Path accessList = directory.resolve("access.cidr");
    Files.writeString(accessList, "127.0.0.6/32 permit\n");
    ScreenSettings settings =
        ConfigFile.empty()
            .section(
                "screen",
                ScreenSettings.class,
                Map.of(
                    "dnsbl-sites", "zen.test=127.0.0.[2..11]*3",
                    "dns-servers", rbldnsd.server(),
                    "dnsbl-timeout", "2s",
                    "access-list", accessList.toString(),
                    "smtpd", "inet:127.0.0.1:" + smtpdPort,
                    "greet-wait", "300ms",
                    "greet-banner", "proxy.test screen",
                    "pregreet-action", "drop"));
    ScreenProxy proxy =
        ScreenService.proxy(settings, Clock.systemUTC(), new StatsRegistry().service("proxy"));
    server =
        DaemonServer.builder("screen-proxy")
            .addresses(List.of(ListenAddress.parse("inet:127.0.0.1:0")))
            .childHandler(proxy.channelInitializer())
            .maxConnections(proxy.acceptLimit())
            .build();
    server.start();
    proxyPort = ((ListenAddress.Inet) server.boundAddresses().get(0)).port();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (postfix != null) {
      postfix.close();
    }
    if (sink != null) {
      sink.close();
    }
    if (rbldnsd != null) {
      rbldnsd.close();
    }
  }

  private static SwaksResult swaks(String from, String subject) {
    return Swaks.builder()
        .port(proxyPort)
        .from("alice@example.test")
        .to("bob@remote.test")
        .header("Subject", subject)
        .body("through the proxy")
        .arguments("--local-interface", from)
        .run();
  }

  private static Socket connect(String from) throws Exception {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxyPort));
    socket.setSoTimeout(10_000);
    return socket;
  }

  @Test
  void aCleanClientIsDeliveredAndPostfixRecordsItsRealAddress() {
    String subject = "clean " + UUID.randomUUID();
    SwaksResult clean = swaks("127.0.0.9", subject);
    assertThat(clean.succeeded()).as(clean.output()).isTrue();
    assertThat(clean.output())
        .contains("220-proxy.test screen")
        .contains("<-  220 mail.example.test ESMTP");
    CapturedMessage message =
        sink.awaitMessage(m -> m.header("Subject").orElse("").equals(subject), DELIVERY_TIMEOUT);
    assertThat(message.headers("Received").get(0)).contains("[127.0.0.9]");
  }

  @Test
  void aListedClientIsRefusedAtRcptNamingTheList() {
    SwaksResult listed = swaks("127.0.0.5", "listed " + UUID.randomUUID());
    assertThat(listed.succeeded()).as(listed.output()).isFalse();
    assertThat(listed.output())
        .contains("550 5.7.1 Service unavailable; client [127.0.0.5] blocked using zen.test");
  }

  @Test
  void aPregreetTalkerIsDropped() throws Exception {
    try (Socket client = connect("127.0.0.10")) {
      send(client, "EHLO early.test\r\n");
      assertThat(readLine(client)).isEqualTo("220-proxy.test screen");
      assertThat(readLine(client)).isEqualTo("521 5.5.1 Protocol error");
      assertThat(readLine(client)).isNull();
    }
  }

  @Test
  void anHttpRequestIsDropped() throws Exception {
    try (Socket client = connect("127.0.0.11")) {
      send(client, "GET / HTTP/1.1\r\nHost: mail.example.test\r\n\r\n");
      assertThat(readLine(client)).isEqualTo("220-proxy.test screen");
      assertThat(readLine(client)).isEqualTo("521 5.5.1 Protocol error");
      assertThat(readLine(client)).isNull();
    }
  }

  @Test
  void aPermittedClientSkipsTheTestsAndTheListing() {
    String subject = "permitted " + UUID.randomUUID();
    SwaksResult permitted = swaks("127.0.0.6", subject);
    assertThat(permitted.succeeded()).as(permitted.output()).isTrue();
    assertThat(permitted.output()).doesNotContain("proxy.test screen");
    CapturedMessage message =
        sink.awaitMessage(m -> m.header("Subject").orElse("").equals(subject), DELIVERY_TIMEOUT);
    assertThat(message.headers("Received").get(0)).contains("[127.0.0.6]");
  }
}
