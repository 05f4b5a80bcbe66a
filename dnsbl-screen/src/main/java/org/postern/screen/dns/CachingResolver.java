package org.postern.screen.dns;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.CompletableFuture;

/**
 * Caches answers of another {@link DnsblResolver} for their TTL clamped by {@link TtlBounds}.
 * Concurrent lookups of one name share one query; failures are never cached.
 */
public final class CachingResolver implements DnsblResolver {
  private final DnsblResolver delegate;
  private final AsyncCache<String, DnsAnswer> cache;

  /**
   * Caches at most {@code maxEntries} answers of {@code delegate}; {@code ticker} is the clock
   * expiry reads (tests pass a fake one).
   */
  public CachingResolver(DnsblResolver delegate, long maxEntries, TtlBounds bounds, Ticker ticker) {
    this.delegate = delegate;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .ticker(ticker)
            .expireAfter(
                Expiry.<String, DnsAnswer>writing((name, answer) -> bounds.clamp(answer.ttl())))
            .buildAsync();
  }

  @Override
  public CompletableFuture<DnsAnswer> lookup(String name) {
    // Caffeine drops a future that fails, so the next lookup asks again.
    return cache.get(name, (key, executor) -> delegate.lookup(key));
  }

  /** Answers cached now (for stats and tests); includes lookups in flight. */
  public long size() {
    return cache.synchronous().estimatedSize();
  }
}
