package org.postern.sieve.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers which senders got which vacation reply, so a sender gets at most one reply per period
 * (RFC 5230 section 4.2). The LMTP service provides a durable implementation.
 */
public interface VacationTracker {

  /**
   * Whether {@code sender} was answered with {@code handle} less than {@code period} before now.
   */
  boolean recentlyReplied(String sender, String handle, Duration period, Instant now);

  /** Records that {@code sender} is answered with {@code handle} at {@code now}. */
  void recordReply(String sender, String handle, Instant now);
}
