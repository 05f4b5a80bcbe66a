package org.postern.common.stats;

import java.util.Arrays;

/**
 * Bucket counts and sum of a {@link LatencyHistogram} at one moment, with the derived count, mean
 * and approximate percentiles.
 */
public final class HistogramSnapshot {
  private final long[] bucketCounts;
  private final long sumNanos;
  private final long count;

  HistogramSnapshot(long[] bucketCounts, long sumNanos) {
    this.bucketCounts = bucketCounts.clone();
    this.sumNanos = sumNanos;
    // Derived from the buckets so count and buckets always agree within a snapshot.
    this.count = Arrays.stream(bucketCounts).sum();
  }

  /** Number of recorded latencies. */
  public long count() {
    return count;
  }

  /** Sum of recorded latencies in nanoseconds. */
  public long sumNanos() {
    return sumNanos;
  }

  /** Number of finite bucket bounds; bucket {@code boundCount()} is the overflow bucket. */
  public int boundCount() {
    return LatencyHistogram.BOUNDS_NANOS.length;
  }

  /** The inclusive upper bound of finite bucket {@code index} in nanoseconds. */
  public long boundNanos(int index) {
    return LatencyHistogram.BOUNDS_NANOS[index];
  }

  /** Latencies at or below bound {@code index}; {@code index == boundCount()} gives the count. */
  public long cumulativeCount(int index) {
    long total = 0;
    for (int i = 0; i <= index; i++) {
      total += bucketCounts[i];
    }
    return total;
  }

  /** Mean latency in milliseconds, 0 when nothing was recorded. */
  public double meanMillis() {
    return count == 0 ? 0.0 : sumNanos / 1e6 / count;
  }

  /**
   * The approximate {@code quantile} (0 to 1) in milliseconds, interpolated linearly inside the
   * bucket holding it as Prometheus' {@code histogram_quantile} does; above 10 s it answers 10 s.
   */
  public double percentileMillis(double quantile) {
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + quantile);
    }
    if (count == 0) {
      return 0.0;
    }
    double rank = quantile * count;
    long before = 0;
    for (int i = 0; i < bucketCounts.length; i++) {
      long inBucket = bucketCounts[i];
      if (inBucket > 0 && before + inBucket >= rank) {
        if (i == boundCount()) {
          return boundNanos(boundCount() - 1) / 1e6;
        }
        double lower = i == 0 ? 0 : boundNanos(i - 1);
        double upper = boundNanos(i);
        double fraction = Math.max(0, rank - before) / inBucket;
        return (lower + (upper - lower) * fraction) / 1e6;
      }
      before += inBucket;
    }
    throw new IllegalStateException("unreachable: the last non-empty bucket reaches the count");
  }
}
