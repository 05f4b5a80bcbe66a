package org.postern.greylist;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps recently read entries of another store in memory (Caffeine), writing through. Only entries
 * that exist are cached, so a triplet another MX host created is seen at once; a cached entry may
 * lag another host's update by at most the cache's time to live, which only delays an
 * auto-whitelist count. A write refreshes an entry already cached but does not add one: most writes
 * create a new triplet that is not read again before its retry minutes later, and caching each of
 * them would only churn the cache's eviction.
 */
public final class CachingGreylistStore implements GreylistStore {
  private final GreylistStore delegate;
  private final Cache<String, TripletEntry> triplets;
  private final Cache<String, ClientEntry> clients;

  /** Caches up to {@code maxEntries} of each kind for {@code timeToLive} after each write. */
  public CachingGreylistStore(GreylistStore delegate, long maxEntries, Duration timeToLive) {
    this.delegate = delegate;
    this.triplets =
        Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(timeToLive).build();
    this.clients =
        Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(timeToLive).build();
  }

  @Override
  public boolean answersFromMemory() {
    return delegate.answersFromMemory();
  }

  @Override
  public Optional<TripletEntry> triplet(String key) {
    TripletEntry cached = triplets.getIfPresent(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<TripletEntry> stored = delegate.triplet(key);
    stored.ifPresent(entry -> triplets.put(key, entry));
    return stored;
  }

  @Override
  public void putTriplet(String key, TripletEntry entry) {
    delegate.putTriplet(key, entry);
    triplets.asMap().replace(key, entry);
  }

  @Override
  public Optional<ClientEntry> client(String network) {
    ClientEntry cached = clients.getIfPresent(network);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<ClientEntry> stored = delegate.client(network);
    stored.ifPresent(entry -> clients.put(network, entry));
    return stored;
  }

  @Override
  public void putClient(String network, ClientEntry entry) {
    delegate.putClient(network, entry);
    clients.asMap().replace(network, entry);
  }

  /**
   * Expires in the underlying store; cached copies of removed entries are harmless because the
   * policy checks every entry's age itself.
   */
  @Override
  public int expire(long cutoff, int maxEntries) {
    return delegate.expire(cutoff, maxEntries);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    triplets.invalidateAll();
    clients.invalidateAll();
    delegate.close();
  }
}
