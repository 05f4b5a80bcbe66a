package org.postern.screen.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.postern.screen.Rbldnsd;
import org.postern.screen.ScreenSettings;
import org.postern.testing.Peers;

/**
 * Thousands of lookups at once against a real rbldnsd on loopback, as a screen with deep pipelining
 * sends them. Unthrottled, the burst overflows rbldnsd's socket receive buffer, the kernel drops
 * queries and they time out; through the in-flight window every one is answered.
 */
class UdpDnsBurstIT {
  private static final int LOOKUPS = 6_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  @Test
  void everyLookupOfABurstIsAnswered() throws Exception {
    Peers.require("rbldnsd");
    try (Rbldnsd rbldnsd = Rbldnsd.start(Map.of("burst.test", "ip4set|10.0.0.0/24\n"));
        UdpDnsResolver udp =
            UdpDnsResolver.create(
                List.of(new InetSocketAddress("127.0.0.1", rbldnsd.port())), TIMEOUT)) {
      DnsblResolver resolver =
          new InFlightLimitedResolver(
              udp, ScreenSettings.DEFAULT_DNS_MAX_IN_FLIGHT, LOOKUPS, TIMEOUT, System::nanoTime);
      List<CompletableFuture<DnsAnswer>> answers = new ArrayList<>();
      for (int i = 0; i < LOOKUPS; i++) {
        // 10.0.0.x is listed, 10.0.1.x and up are not: both kinds of answer.
        int host = i % 256;
        int net = i / 256;
        answers.add(resolver.lookup(host + "." + net + ".0.10.burst.test"));
      }
      int listed = 0;
      int timedOut = 0;
      for (CompletableFuture<DnsAnswer> answer : answers) {
        try {
          listed += answer.join().listed() ? 1 : 0;
        } catch (java.util.concurrent.CompletionException e) {
          assertThat(e.getCause()).isInstanceOf(DnsTimeoutException.class);
          timedOut++;
        }
      }
      assertThat(timedOut).as("lookups timed out").isZero();
      assertThat(listed).isEqualTo(256);
    }
  }
}
