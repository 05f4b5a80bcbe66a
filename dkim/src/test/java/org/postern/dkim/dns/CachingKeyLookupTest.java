package org.postern.dkim.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingKeyLookupTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger queries = new AtomicInteger();
  private volatile boolean failing;

  private final KeyLookup upstream =
      name -> {
        queries.incrementAndGet();
        if (failing) {
          return CompletableFuture.failedFuture(new TemporaryLookupException("SERVFAIL"));
        }
        return CompletableFuture.completedFuture(
            new TxtRecords(List.of("v=DKIM1; p=" + name), Duration.ofSeconds(60)));
      };

  private final CachingKeyLookup cache =
      new CachingKeyLookup(upstream, 100, Duration.ofHours(1), nanos::get);

  @Test
  void servesFromCacheUntilTheTtlRunsOut() throws Exception {
    cache.lookup("sel", "Example.TEST").toCompletableFuture().get();
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    cache.lookup("sel", "example.test").toCompletableFuture().get();
    assertThat(queries).hasValue(1);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    cache.lookup("sel", "example.test").toCompletableFuture().get();
    assertThat(queries).hasValue(2);
  }

  @Test
  void failuresAreNotCached() throws Exception {
    failing = true;
    assertThatThrownBy(() -> cache.lookupTxt("x").toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TemporaryLookupException.class);
    failing = false;

    assertThat(cache.lookupTxt("x").toCompletableFuture().get().texts()).hasSize(1);
    assertThat(queries).hasValue(2);
  }

  @Test
  void staticLookupJoinsQuotedStringsWithoutSeparators() throws Exception {
    StaticKeyLookup lookup =
        StaticKeyLookup.parse(
            "# comment\nsel._domainkey.example.test \"v=DKIM1; \" \"p=AB\" \"CD\"\n");

    assertThat(lookup.lookup("sel", "example.test.").toCompletableFuture().get().texts())
        .containsExactly("v=DKIM1; p=ABCD");
  }
}
