package org.postern.screen.pass;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.postern.screen.address.ClientAddress;

/** An in-memory {@link PassCache} with a bounded size and an expiry per entry. */
public final class EmbeddedPassCache implements PassCache {
  // Shared answers: a lookup allocates no future.
  private static final CompletionStage<Boolean> PASSED = CompletableFuture.completedStage(true);
  private static final CompletionStage<Boolean> NOT_PASSED =
      CompletableFuture.completedStage(false);

  private final Cache<ClientAddress, Duration> passes;

  /** Holds at most {@code maxEntries} passes, timed by {@code ticker}. */
  public EmbeddedPassCache(long maxEntries, Ticker ticker) {
    this.passes =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .ticker(ticker)
            .expireAfter(Expiry.<ClientAddress, Duration>writing((client, ttl) -> ttl))
            .build();
  }

  @Override
  public CompletionStage<Boolean> passed(ClientAddress client) {
    return passes.getIfPresent(client) != null ? PASSED : NOT_PASSED;
  }

  @Override
  public void pass(ClientAddress client, Duration ttl) {
    if (!ttl.isNegative() && !ttl.isZero()) {
      passes.put(client, ttl);
    }
  }
}
