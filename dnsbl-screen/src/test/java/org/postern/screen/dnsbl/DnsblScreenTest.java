package org.postern.screen.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.postern.common.stats.ServiceStats;
import org.postern.common.stats.StatsRegistry;
import org.postern.screen.address.ClientAddress;
import org.postern.screen.dns.DnsAnswer;
import org.postern.screen.dns.DnsLookupException;
import org.postern.screen.dns.DnsblResolver;
import org.postern.screen.score.ScoreRules;
import org.postern.screen.score.SiteResult;
import org.postern.screen.score.Verdict;
import org.postern.screen.site.DnsblSite;

class DnsblScreenTest {
  private final Map<String, CompletableFuture<DnsAnswer>> answers = new HashMap<>();
  private final DnsblResolver resolver =
      name ->
          answers.getOrDefault(
              name, CompletableFuture.completedFuture(DnsAnswer.notListed(Duration.ofMinutes(5))));
  private final RefusedQueryLog refusals =
      new RefusedQueryLog(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ofMinutes(10));

  private void answer(String name, int ttlSeconds, int... lastOctets) {
    List<byte[]> codes =
        java.util.Arrays.stream(lastOctets)
            .mapToObj(last -> new byte[] {127, 0, 0, (byte) last})
            .toList();
    answers.put(
        name,
        CompletableFuture.completedFuture(new DnsAnswer(codes, Duration.ofSeconds(ttlSeconds))));
  }

  private Verdict screen(ScoreRules rules, String... sites) {
    List<DnsblSite> parsed = java.util.Arrays.stream(sites).map(DnsblSite::parse).toList();
    return new DnsblScreen(parsed, resolver, Duration.ofMillis(200), rules, refusals)
        .screen(ClientAddress.parse("192.0.2.5"))
        .join();
  }

  @Test
  void eachSiteCountsItsListingsTimeoutsAndErrors() {
    answer("5.2.0.192.zen.example", 300, 2);
    answers.put(
        "5.2.0.192.broken-list.example",
        CompletableFuture.failedFuture(new DnsLookupException("SERVFAIL")));
    answers.put("5.2.0.192.slow.example", new CompletableFuture<>());
    ServiceStats stats = new StatsRegistry().service("screen");
    List<DnsblSite> sites =
        java.util.stream.Stream.of("zen.example", "broken-list.example", "slow.example")
            .map(DnsblSite::parse)
            .toList();
    new DnsblScreen(sites, resolver, Duration.ofMillis(100), ScoreRules.defaults(), refusals, stats)
        .screen(ClientAddress.parse("192.0.2.5"))
        .join();
    assertThat(stats.counter("site.zen.example.listed").value()).isEqualTo(1);
    assertThat(stats.counter("site.broken_list.example.error").value()).isEqualTo(1);
    assertThat(stats.counter("site.slow.example.timeout").value()).isEqualTo(1);
    assertThat(stats.counter("site.zen.example.timeout").value()).isZero();
  }

  @Test
  void aSiteCountsOnceHoweverManyCodesMatch() {
    answer("5.2.0.192.zen.example", 300, 2, 4, 10);
    Verdict verdict = screen(new ScoreRules(4, 0), "zen.example=127.0.0.[2..11]*3");
    assertThat(verdict.score()).isEqualTo(3);
    assertThat(verdict.classification()).isEqualTo(Verdict.Classification.NEUTRAL);
  }

  @Test
  void filteredOutCodesDoNotCount() {
    answer("5.2.0.192.zen.example", 300, 20);
    Verdict verdict = screen(ScoreRules.defaults(), "zen.example=127.0.0.[2..11]*3");
    assertThat(verdict.score()).isZero();
    assertThat(verdict.results().get(0).status()).isEqualTo(SiteResult.Status.NOT_MATCHED);
  }

  @Test
  void aTimedOutSiteIsNamedAndTheOthersStillCount() {
    answers.put("5.2.0.192.slow.example", new CompletableFuture<>());
    answer("5.2.0.192.bl.example", 300, 2);
    Verdict verdict = screen(ScoreRules.defaults(), "slow.example*5", "bl.example");
    assertThat(verdict.timedOut()).containsExactly("slow.example");
    assertThat(verdict.classification()).isEqualTo(Verdict.Classification.LISTED);
    assertThat(verdict.listedBy()).containsExactly("bl.example");
  }

  @Test
  void aFailedLookupIsNamed() {
    answers.put(
        "5.2.0.192.broken.example",
        CompletableFuture.failedFuture(new DnsLookupException("SERVFAIL")));
    Verdict verdict = screen(ScoreRules.defaults(), "broken.example");
    assertThat(verdict.failed()).containsExactly("broken.example");
    assertThat(verdict.complete()).isFalse();
  }

  @Test
  void spamhausRefusalsAreNeverListingsAndAreLoggedOncePerInterval() {
    answers.put(
        "5.2.0.192.zen.example",
        CompletableFuture.completedFuture(
            new DnsAnswer(
                List.of(new byte[] {127, (byte) 255, (byte) 255, (byte) 254}),
                Duration.ofMinutes(1))));
    Verdict verdict = screen(ScoreRules.defaults(), "zen.example");
    assertThat(verdict.score()).isZero();
    assertThat(verdict.complete()).isFalse();
    assertThat(refusals.record("zen.example", new byte[] {127, (byte) 255, (byte) 255, (byte) 254}))
        .as("already logged in this interval")
        .isFalse();
  }
}
