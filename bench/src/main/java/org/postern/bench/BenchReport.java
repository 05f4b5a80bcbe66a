package org.postern.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * What a load run measured. Counts cover replies received during the measured time only.
 *
 * @param options what was run
 * @param measured the measured time, as it really elapsed
 * @param found replies with a value ({@code OK}, {@code 200})
 * @param notFound replies without one ({@code NOTFOUND}, {@code 500})
 * @param errors temporary or permanent failures, malformed replies and lost connections
 * @param p50Micros median latency in microseconds
 * @param p99Micros 99th percentile latency in microseconds
 * @param p999Micros 99.9th percentile latency in microseconds
 * @param maxMicros largest latency in microseconds
 */
public record BenchReport(
    BenchOptions options,
    Duration measured,
    long found,
    long notFound,
    long errors,
    double p50Micros,
    double p99Micros,
    double p999Micros,
    double maxMicros) {

  /** Replies received during the measured time, whatever they said. */
  public long requests() {
    return found + notFound + errors;
  }

  /** Replies per second over the measured time. */
  public double requestsPerSecond() {
    double seconds = measured.toNanos() / 1e9;
    return seconds > 0 ? requests() / seconds : 0;
  }

  /** A few lines for a terminal or a benchmark log. */
  public String format() {
    return String.format(
        Locale.ROOT,
        "%s %s, %d connection(s), pipeline depth %d, %.1f s measured after %.1f s warm-up%n"
            + "requests %d (found %d, not found %d, errors %d)%n"
            + "throughput %.0f req/s%n"
            + "latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
        options.protocol(),
        options.target(),
        options.connections(),
        options.pipelineDepth(),
        measured.toNanos() / 1e9,
        options.warmUp().toNanos() / 1e9,
        requests(),
        found,
        notFound,
        errors,
        requestsPerSecond(),
        p50Micros / 1000,
        p99Micros / 1000,
        p999Micros / 1000,
        maxMicros / 1000);
  }
}
