package org.postern.sieve.runtime;

import java.time.Instant;

/**
 * Remembers the message IDs the duplicate test has seen (RFC 7352), each until it expires. IDs
 * already combine the handle and the message's unique ID. The LMTP service provides durable
 * storage; implementations must be thread-safe.
 */
public interface DuplicateTracker {

  /** Whether {@code id} was recorded and has not expired at {@code now}. */
  boolean seen(String id, Instant now);

  /** Records {@code id} until {@code expiry}, replacing an earlier record. */
  void record(String id, Instant expiry);
}
