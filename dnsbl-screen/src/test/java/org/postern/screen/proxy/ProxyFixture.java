package org.postern.screen.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigFile;
import org.postern.common.server.DaemonServer;
import org.postern.common.stats.StatsRegistry;
import org.postern.screen.ScreenSettings;
import org.postern.screen.access.AccessList;
import org.postern.screen.dns.DnsAnswer;
import org.postern.screen.dns.DnsblResolver;
import org.postern.screen.dnsbl.DnsblScreen;
import org.postern.screen.dnsbl.RefusedQueryLog;
import org.postern.screen.pass.EmbeddedPassCache;
import org.postern.screen.pass.PassCache;

/**
 * A proxy on a loopback port in front of a {@link FakeSmtpd}, with a stub DNSBL {@code zen.test}
 * listing 127.0.0.5 only.
 */
final class ProxyFixture implements AutoCloseable {
  final FakeSmtpd smtpd;
  final ScreenProxy proxy;
  final DaemonServer server;
  final int port;

  /** Counted down when the proxy closes its DNS resolver. */
  final CountDownLatch resolverClosed = new CountDownLatch(1);

  ProxyFixture(Map<String, String> options, String accessList) throws IOException {
    this(options, accessList, () -> new EmbeddedPassCache(100, System::nanoTime));
  }

  /** A proxy whose server gives connections {@code shutdownGrace} to end at shutdown. */
  ProxyFixture(Map<String, String> options, String accessList, Duration shutdownGrace)
      throws IOException {
    this(options, accessList, () -> new EmbeddedPassCache(100, System::nanoTime), shutdownGrace);
  }

  /** A proxy whose three pass caches come from {@code passCaches}. */
  ProxyFixture(Map<String, String> options, String accessList, Supplier<PassCache> passCaches)
      throws IOException {
    this(options, accessList, passCaches, Duration.ZERO);
  }

  private ProxyFixture(
      Map<String, String> options,
      String accessList,
      Supplier<PassCache> passCaches,
      Duration shutdownGrace)
      throws IOException {
    smtpd = new FakeSmtpd();
    Map<String, String> all = new HashMap<>();
    all.put("smtpd", "inet:127.0.0.1:" + smtpd.port());
    all.put("greet-wait", "300ms");
    all.put("dnsbl-sites", "zen.test");
    all.putAll(options);
    ScreenSettings settings = ConfigFile.empty().section("screen", ScreenSettings.class, all);
    DnsblResolver resolver =
        new DnsblResolver() {
          @Override
          public CompletableFuture<DnsAnswer> lookup(String name) {
            return CompletableFuture.completedFuture(
                name.equals("5.0.0.127.zen.test")
                    ? new DnsAnswer(List.of(new byte[] {127, 0, 0, 2}), Duration.ofMinutes(5))
                    : DnsAnswer.notListed(Duration.ofMinutes(5)));
          }

          @Override
          public void close() {
            resolverClosed.countDown();
          }
        };
    DnsblScreen screen =
        new DnsblScreen(
            settings.sites(),
            resolver,
            Duration.ofSeconds(1),
            settings.rules(),
            new RefusedQueryLog(Clock.systemUTC(), Duration.ofMinutes(10)));
    ProxyPasses passes = new ProxyPasses(passCaches.get(), passCaches.get(), passCaches.get());
    proxy =
        new ScreenProxy(
            settings,
            AccessList.parse("test", accessList),
            passes,
            screen,
            new StatsRegistry().service("screen"));
    server =
        DaemonServer.builder("screen-proxy")
            .addresses(List.of(ListenAddress.parse("inet:127.0.0.1:0")))
            .childHandler(proxy.channelInitializer())
            .maxConnections(proxy.acceptLimit())
            .shutdownGrace(shutdownGrace)
            .build();
    server.start();
    port = ((ListenAddress.Inet) server.boundAddresses().get(0)).port();
  }

  /** A client socket connected from {@code localAddress} (any 127/8 address works on Linux). */
  Socket connect(String localAddress) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    socket.setSoTimeout(5000);
    return socket;
  }

  static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** One line, without CRLF; null at end of stream. */
  static String readLine(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r'
            ? line.substring(0, length - 1)
            : line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  /** Waits until the proxy counts no connection, or fails after 5 seconds. */
  void awaitNoConnections() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (proxy.activeConnections() != 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(proxy.activeConnections() + " proxy connections still counted");
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    smtpd.close();
  }
}
