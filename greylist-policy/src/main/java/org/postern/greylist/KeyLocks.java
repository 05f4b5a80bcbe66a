package org.postern.greylist;

/**
 * A fixed set of monitors, one chosen per key by its hash, so that read-modify-writes of one store
 * entry never interleave while work on different keys rarely waits. Holders must not hold two of
 * them at once (no lock ordering is defined).
 */
final class KeyLocks {
  private final Object[] locks;
  private final int mask;

  /** At least {@code stripes} locks, rounded up to a power of two. */
  KeyLocks(int stripes) {
    int size = Integer.highestOneBit(Math.max(1, stripes - 1)) << 1;
    locks = new Object[size];
    for (int i = 0; i < size; i++) {
      locks[i] = new Object();
    }
    mask = size - 1;
  }

  /** The monitor guarding {@code key}. */
  Object lockFor(String key) {
    int hash = key.hashCode();
    return locks[(hash ^ (hash >>> 16)) & mask];
  }
}
