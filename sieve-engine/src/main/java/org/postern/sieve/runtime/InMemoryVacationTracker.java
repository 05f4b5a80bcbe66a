package org.postern.sieve.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A vacation tracker in memory, for tests and one-shot runs. */
public final class InMemoryVacationTracker implements VacationTracker {

  private final Map<String, Instant> replies = new ConcurrentHashMap<>();

  @Override
  public boolean recentlyReplied(String sender, String handle, Duration period, Instant now) {
    Instant last = replies.get(key(sender, handle));
    return last != null && last.plus(period).isAfter(now);
  }

  @Override
  public void recordReply(String sender, String handle, Instant now) {
    replies.put(key(sender, handle), now);
  }

  private static String key(String sender, String handle) {
    return sender.toLowerCase(java.util.Locale.ROOT) + "\0" + handle;
  }
}
