package org.postern.screen.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingResolverTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final AtomicInteger queries = new AtomicInteger();

  private CachingResolver resolverAnswering(Duration ttl) {
    return new CachingResolver(
        name -> {
          queries.incrementAndGet();
          return CompletableFuture.completedFuture(
              new DnsAnswer(List.of(new byte[] {127, 0, 0, 2}), ttl));
        },
        100,
        TtlBounds.defaults(),
        ticker);
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void aShortTtlIsRaisedToOneMinute() {
    CachingResolver resolver = resolverAnswering(Duration.ofSeconds(5));
    resolver.lookup("2.0.0.127.bl.example").join();
    advance(Duration.ofSeconds(59));
    resolver.lookup("2.0.0.127.bl.example").join();
    assertThat(queries).hasValue(1);
    advance(Duration.ofSeconds(2));
    resolver.lookup("2.0.0.127.bl.example").join();
    assertThat(queries).hasValue(2);
  }

  @Test
  void aLongTtlIsCutToOneHour() {
    CachingResolver resolver = resolverAnswering(Duration.ofDays(2));
    resolver.lookup("2.0.0.127.bl.example").join();
    advance(Duration.ofMinutes(59));
    resolver.lookup("2.0.0.127.bl.example").join();
    assertThat(queries).hasValue(1);
    advance(Duration.ofMinutes(2));
    resolver.lookup("2.0.0.127.bl.example").join();
    assertThat(queries).hasValue(2);
  }

  @Test
  void aTtlWithinTheBoundsIsKept() {
    CachingResolver resolver = resolverAnswering(Duration.ofMinutes(10));
    resolver.lookup("n.bl.example").join();
    advance(Duration.ofMinutes(9));
    resolver.lookup("n.bl.example").join();
    assertThat(queries).hasValue(1);
    advance(Duration.ofMinutes(2));
    resolver.lookup("n.bl.example").join();
    assertThat(queries).hasValue(2);
  }

  @Test
  void failuresAreNotCached() {
    CachingResolver resolver =
        new CachingResolver(
            name -> {
              queries.incrementAndGet();
              return CompletableFuture.failedFuture(new DnsLookupException("SERVFAIL"));
            },
            100,
            TtlBounds.defaults(),
            ticker);
    assertThat(resolver.lookup("x.bl.example")).isCompletedExceptionally();
    assertThat(resolver.lookup("x.bl.example")).isCompletedExceptionally();
    assertThat(queries).hasValue(2);
  }

  @Test
  void concurrentLookupsShareOneQuery() {
    CompletableFuture<DnsAnswer> pending = new CompletableFuture<>();
    CachingResolver resolver =
        new CachingResolver(
            name -> {
              queries.incrementAndGet();
              return pending;
            },
            100,
            TtlBounds.defaults(),
            ticker);
    CompletableFuture<DnsAnswer> first = resolver.lookup("y.bl.example");
    CompletableFuture<DnsAnswer> second = resolver.lookup("y.bl.example");
    pending.complete(DnsAnswer.notListed(Duration.ofMinutes(5)));
    assertThat(first.join().listed()).isFalse();
    assertThat(second.join().listed()).isFalse();
    resolver.lookup("y.bl.example").join();
    assertThat(queries).hasValue(1);
  }

  @Test
  void boundsClamp() {
    TtlBounds bounds = new TtlBounds(Duration.ofSeconds(60), Duration.ofHours(1));
    assertThat(bounds.clamp(Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
    assertThat(bounds.clamp(Duration.ofSeconds(61))).isEqualTo(Duration.ofSeconds(61));
    assertThat(bounds.clamp(Duration.ofHours(5))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void dnsServersParseWithAndWithoutPorts() {
    assertThat(DnsServerAddress.parse("127.0.0.1:5353").getPort()).isEqualTo(5353);
    assertThat(DnsServerAddress.parse("192.0.2.1").getPort()).isEqualTo(53);
    assertThat(DnsServerAddress.parse("[::1]:5353").getPort()).isEqualTo(5353);
    assertThat(DnsServerAddress.parse("::1").getPort()).isEqualTo(53);
  }
}
