package org.postern.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postern.common.config.ConfigFile;
import org.postern.common.lifecycle.Service;
import org.postern.common.stats.ServiceStats;
import org.postern.common.stats.StatsRegistry;
import org.postern.policy.PolicyAction;
import org.postern.policy.PolicyRequest;

class ScreenServiceTest {

  /** A server whose drain the test ends by hand. */
  private static final class DrainingServer implements Service {
    final CompletableFuture<Void> drained = new CompletableFuture<>();
    final AtomicInteger shutdowns = new AtomicInteger();

    @Override
    public String serviceName() {
      return "screen";
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      shutdowns.incrementAndGet();
      return drained;
    }
  }

  @Test
  void theResolverClosesOnlyOnceTheServerHasDrained() throws Exception {
    // A DNS server that never answers: the request stays in flight until the resolver closes.
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      ServiceStats stats = new StatsRegistry().service("screen");
      ScreenService service = ScreenService.start(silentSettings(silent), Clock.systemUTC(), stats);
      DrainingServer server = new DrainingServer();
      service.closeAfter(server);
      CompletableFuture<PolicyAction> decision = decide(service);

      CompletableFuture<Void> stopped = service.shutdown();

      assertThat(server.shutdowns).hasValue(1);
      Thread.sleep(200);
      assertThat(stopped).isNotDone();
      assertThat(decision).as("request in flight while the server drains").isNotDone();

      server.drained.complete(null);

      stopped.get(10, TimeUnit.SECONDS);
      // The closed resolver failed the lookup: fail-open, nothing remembered.
      assertThat(decision.get(10, TimeUnit.SECONDS).action()).isEqualTo("DUNNO");
      assertThat(stats.counter("outcome.incomplete").value()).isEqualTo(1);
      assertThat(service.shutdown()).isSameAs(stopped);
    }
  }

  @Test
  void withoutAServerShutdownClosesTheResolverAtOnce() throws Exception {
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      ServiceStats stats = new StatsRegistry().service("screen");
      ScreenService service = ScreenService.start(silentSettings(silent), Clock.systemUTC(), stats);

      service.shutdown().get(10, TimeUnit.SECONDS);

      // Closed: the lookup fails at once instead of waiting for the silent server.
      assertThat(decide(service).get(10, TimeUnit.SECONDS).action()).isEqualTo("DUNNO");
      assertThat(stats.counter("outcome.incomplete").value()).isEqualTo(1);
    }
  }

  private static ScreenSettings silentSettings(DatagramSocket silent) {
    return ConfigFile.empty()
        .section(
            "screen",
            ScreenSettings.class,
            Map.of(
                "dnsbl-sites", "zen.test",
                "dns-servers", "127.0.0.1:" + silent.getLocalPort(),
                // Far longer than the test: a request can only end by the close.
                "dnsbl-timeout", "10m"));
  }

  private static CompletableFuture<PolicyAction> decide(ScreenService service) {
    return service
        .handler()
        .decide(
            new PolicyRequest(
                Map.of(
                    "request", "smtpd_access_policy",
                    "protocol_state", "RCPT",
                    "client_address", "192.0.2.1")))
        .toCompletableFuture();
  }
}
