package org.postern.common.stats;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies counted into fixed buckets from 0.1 ms to 10 s (plus one for anything slower), the
 * Prometheus histogram model: recording is a bucket search and two {@link LongAdder} increments.
 */
public final class LatencyHistogram {

  /** Upper bounds of the finite buckets in nanoseconds, inclusive, ascending. */
  static final long[] BOUNDS_NANOS = {
    100_000L,
    250_000L,
    500_000L,
    1_000_000L,
    2_500_000L,
    5_000_000L,
    10_000_000L,
    25_000_000L,
    50_000_000L,
    100_000_000L,
    250_000_000L,
    500_000_000L,
    1_000_000_000L,
    2_500_000_000L,
    5_000_000_000L,
    10_000_000_000L
  };

  // One more than the bounds: the last bucket holds everything above 10 s.
  private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
  private final LongAdder sumNanos = new LongAdder();

  LatencyHistogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Records one latency. */
  public void record(Duration latency) {
    recordNanos(saturatedNanos(latency));
  }

  /** Records one latency in nanoseconds, e.g. a difference of {@link System#nanoTime()}. */
  public void recordNanos(long nanos) {
    long clamped = Math.max(0, nanos); // a clock step backwards is not a negative latency
    int bucket = 0;
    while (bucket < BOUNDS_NANOS.length && clamped > BOUNDS_NANOS[bucket]) {
      bucket++;
    }
    buckets[bucket].increment();
    sumNanos.add(clamped);
  }

  /** A point-in-time copy for rendering. */
  public HistogramSnapshot snapshot() {
    long[] counts = new long[buckets.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = buckets[i].sum();
    }
    return new HistogramSnapshot(counts, sumNanos.sum());
  }

  private static long saturatedNanos(Duration latency) {
    try {
      return latency.toNanos();
    } catch (ArithmeticException overflow) {
      return latency.isNegative() ? 0 : Long.MAX_VALUE;
    }
  }
}
