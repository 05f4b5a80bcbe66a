package org.postern.screen.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postern.screen.Rbldnsd;
import org.postern.screen.address.ClientAddress;
import org.postern.screen.dns.DnsblResolver;
import org.postern.screen.dns.UdpDnsResolver;
import org.postern.screen.score.ScoreRules;
import org.postern.screen.score.SiteResult;
import org.postern.screen.score.Verdict;
import org.postern.screen.site.DnsblSite;

/** Real rbldnsd serves the zones; UdpDnsResolver asks it over UDP on loopback. */
class DnsblRbldnsdIT {
  private static final Duration TIMEOUT = Duration.ofMillis(700);

  private static Rbldnsd rbldnsd;
  private static DatagramSocket silent;
  private static UdpDnsResolver real;
  private static UdpDnsResolver dead;

  @BeforeAll
  static void startRbldnsd() throws Exception {
    rbldnsd =
        Rbldnsd.start(
            Map.of(
                "zen.test", "ip4set|:127.0.0.2:listed\n127.0.0.2\n127.0.0.4\n",
                "codes.test", "ip4set|127.0.0.3 :127.0.0.20:other code\n",
                "wl.test", "ip4set|127.0.0.4 :127.0.5.2:allowlisted\n",
                "v6.test", "ip6trie|2001:db8::/32 :127.0.0.2:listed v6\n"));
    // A UDP socket that reads nothing: a DNS server that never answers.
    silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    real =
        UdpDnsResolver.create(List.of(new InetSocketAddress("127.0.0.1", rbldnsd.port())), TIMEOUT);
    dead =
        UdpDnsResolver.create(
            List.of((InetSocketAddress) silent.getLocalSocketAddress()), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() throws Exception {
    if (real != null) {
      real.close();
    }
    if (dead != null) {
      dead.close();
    }
    if (silent != null) {
      silent.close();
    }
    if (rbldnsd != null) {
      rbldnsd.close();
    }
  }

  private static DnsblResolver resolver() {
    // Names under never.test go to the silent server, the rest to rbldnsd.
    return name -> name.endsWith(".never.test") ? dead.lookup(name) : real.lookup(name);
  }

  private static Verdict screen(String client, ScoreRules rules, String... sites) {
    return new DnsblScreen(
            java.util.Arrays.stream(sites).map(DnsblSite::parse).toList(),
            resolver(),
            TIMEOUT,
            rules,
            new RefusedQueryLog(Clock.systemUTC(), Duration.ofMinutes(10)))
        .screen(ClientAddress.parse(client))
        .join();
  }

  @Test
  void aListedClientIsListedWithTheZoneTtl() {
    Verdict verdict = screen("127.0.0.2", ScoreRules.defaults(), "zen.test=127.0.0.[2..11]*3");
    assertThat(verdict.classification()).isEqualTo(Verdict.Classification.LISTED);
    assertThat(verdict.score()).isEqualTo(3);
    assertThat(verdict.listedBy()).containsExactly("zen.test");
    assertThat(verdict.results().get(0).ttl()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void anUnlistedClientIsNeutralAndComplete() {
    Verdict verdict = screen("127.0.0.9", ScoreRules.defaults(), "zen.test", "codes.test");
    assertThat(verdict.classification()).isEqualTo(Verdict.Classification.NEUTRAL);
    assertThat(verdict.complete()).isTrue();
    assertThat(verdict.score()).isZero();
  }

  @Test
  void aCodeOutsideTheFilterDoesNotCount() {
    Verdict filtered = screen("127.0.0.3", ScoreRules.defaults(), "codes.test=127.0.0.[2..11]");
    assertThat(filtered.results().get(0).status()).isEqualTo(SiteResult.Status.NOT_MATCHED);
    Verdict unfiltered = screen("127.0.0.3", ScoreRules.defaults(), "codes.test");
    assertThat(unfiltered.classification()).isEqualTo(Verdict.Classification.LISTED);
  }

  @Test
  void anAllowlistWithNegativeWeightTrusts() {
    Verdict verdict =
        screen(
            "127.0.0.4", new ScoreRules(1, -2), "zen.test*2", "wl.test=127.0.[0..255].[1..3]*-5");
    assertThat(verdict.score()).isEqualTo(-3);
    assertThat(verdict.classification()).isEqualTo(Verdict.Classification.TRUSTED);
  }

  @Test
  void aSiteThatNeverAnswersTimesOutAndTheOthersDecide() {
    Verdict verdict = screen("127.0.0.2", ScoreRules.defaults(), "zen.test", "bl.never.test*5");
    assertThat(verdict.timedOut()).containsExactly("bl.never.test");
    assertThat(verdict.classification()).isEqualTo(Verdict.Classification.LISTED);
    assertThat(verdict.score()).isEqualTo(1);
    assertThat(verdict.complete()).isFalse();
  }

  @Test
  void ipv6ClientsAreQueriedByNibbles() {
    assertThat(screen("2001:db8::25", ScoreRules.defaults(), "v6.test").classification())
        .isEqualTo(Verdict.Classification.LISTED);
    assertThat(screen("2001:db9::25", ScoreRules.defaults(), "v6.test").classification())
        .isEqualTo(Verdict.Classification.NEUTRAL);
  }
}
