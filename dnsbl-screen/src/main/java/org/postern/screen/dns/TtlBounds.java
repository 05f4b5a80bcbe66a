package org.postern.screen.dns;

import java.time.Duration;

/**
 * How long DNS answers are cached: the record TTL clamped to [{@code min}, {@code max}], so a zero
 * TTL does not defeat the cache and a long one does not outlive a delisting.
 *
 * @param min the shortest caching time
 * @param max the longest caching time
 */
public record TtlBounds(Duration min, Duration max) {

  /** Checks 0 ≤ min ≤ max. */
  public TtlBounds {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("TTL bounds need 0 <= min <= max: " + min + ", " + max);
    }
  }

  /** postscreen-like bounds: one minute to one hour. */
  public static TtlBounds defaults() {
    return new TtlBounds(Duration.ofMinutes(1), Duration.ofHours(1));
  }

  /** {@code ttl} within the bounds. */
  public Duration clamp(Duration ttl) {
    if (ttl.compareTo(min) < 0) {
      return min;
    }
    return ttl.compareTo(max) > 0 ? max : ttl;
  }
}
