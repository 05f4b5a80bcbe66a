package org.postern.dkim.dns;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Caches another lookup's answers (including "no record") for their TTL, capped by {@code maxTtl};
 * failures are not cached. Concurrent lookups of one name share a single query.
 */
public final class CachingKeyLookup implements KeyLookup {
  private final KeyLookup delegate;
  private final AsyncCache<String, TxtRecords> cache;

  /** Caches up to {@code maxEntries} names, each at most {@code maxTtl}, on the system clock. */
  public CachingKeyLookup(KeyLookup delegate, long maxEntries, Duration maxTtl) {
    this(delegate, maxEntries, maxTtl, Ticker.systemTicker());
  }

  /** As above with an explicit clock (tests). */
  public CachingKeyLookup(KeyLookup delegate, long maxEntries, Duration maxTtl, Ticker ticker) {
    this.delegate = delegate;
    long capNanos = maxTtl.toNanos();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .ticker(ticker)
            .expireAfter(
                new Expiry<String, TxtRecords>() {
                  @Override
                  public long expireAfterCreate(String key, TxtRecords value, long currentTime) {
                    return Math.min(capNanos, Math.max(0, value.ttl().toNanos()));
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, TxtRecords value, long currentTime, long currentDuration) {
                    return expireAfterCreate(key, value, currentTime);
                  }

                  @Override
                  public long expireAfterRead(
                      String key, TxtRecords value, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .buildAsync();
  }

  @Override
  public CompletionStage<TxtRecords> lookupTxt(String name) {
    return cache.get(
        name.toLowerCase(Locale.ROOT),
        (key, executor) -> delegate.lookupTxt(key).toCompletableFuture());
  }
}
