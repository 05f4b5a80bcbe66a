package org.postern.sieve.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A duplicate tracker in memory, for tests and one-shot runs. */
public final class InMemoryDuplicateTracker implements DuplicateTracker {

  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

  @Override
  public boolean seen(String id, Instant now) {
    Instant expiry = expiries.get(id);
    return expiry != null && expiry.isAfter(now);
  }

  @Override
  public void record(String id, Instant expiry) {
    expiries.put(id, expiry);
  }
}
