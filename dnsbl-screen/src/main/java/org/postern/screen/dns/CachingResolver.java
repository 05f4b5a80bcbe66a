package org.postern.screen.dns;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches answers of another {@link DnsblResolver} for their TTL clamped by {@link TtlBounds}.
 * Concurrent lookups of one name share one query; failures are never cached.
 */
public final class CachingResolver implements DnsblResolver {
  private final DnsblResolver delegate;
  private final Cache<String, DnsAnswer> cache;
  // Queries in flight, kept apart from the cache so failures are neither cached nor logged by it.
  private final Map<String, CompletableFuture<DnsAnswer>> inFlight = new ConcurrentHashMap<>();

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
            .build();
  }

  @Override
  public CompletableFuture<DnsAnswer> lookup(String name) {
    DnsAnswer cached = cache.getIfPresent(name);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    CompletableFuture<DnsAnswer> mine = new CompletableFuture<>();
    CompletableFuture<DnsAnswer> running = inFlight.putIfAbsent(name, mine);
    if (running != null) {
      return running;
    }
    CompletableFuture<DnsAnswer> query;
    try {
      query = delegate.lookup(name);
    } catch (RuntimeException e) {
      query = CompletableFuture.failedFuture(e);
    }
    query.whenComplete(
        (answer, error) -> {
          if (error == null) {
            cache.put(name, answer);
          }
          inFlight.remove(name, mine);
          if (error == null) {
            mine.complete(answer);
          } else {
            mine.completeExceptionally(error);
          }
        });
    return mine;
  }

  /** Closes the resolver asked on a miss. */
  @Override
  public void close() {
    delegate.close();
  }

  /** Answers cached now (for stats and tests). */
  public long size() {
    return cache.estimatedSize();
  }
}
