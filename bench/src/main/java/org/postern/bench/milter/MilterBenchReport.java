package org.postern.bench.milter;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a milter load run measured: the measured messages only, not the warm-up.
 *
 * @param options what was run
 * @param measured the time from the first measured message to the last verdict
 * @param verdicts end-of-message verdicts by kind ({@code Continue}, {@code Accept}, ...)
 * @param modifications modifications received in all measured messages
 * @param errors messages that failed: timeouts, protocol errors, lost connections
 * @param p50Micros median message latency (CONNECT to the end-of-message verdict) in microseconds
 * @param p99Micros 99th percentile latency in microseconds
 * @param p999Micros 99.9th percentile latency in microseconds
 * @param maxMicros largest latency in microseconds
 */
public record MilterBenchReport(
    MilterBenchOptions options,
    Duration measured,
    Map<String, Long> verdicts,
    long modifications,
    long errors,
    double p50Micros,
    double p99Micros,
    double p999Micros,
    double maxMicros) {

  /** Copies the counts. */
  public MilterBenchReport {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(measured, "measured");
    verdicts = Collections.unmodifiableMap(new TreeMap<>(verdicts));
  }

  /** Messages that got a verdict at end of message. */
  public long messages() {
    return verdicts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Messages with a verdict per second over the measured time. */
  public double messagesPerSecond() {
    double seconds = measured.toNanos() / 1e9;
    return seconds > 0 ? messages() / seconds : 0;
  }

  /** A few lines for a terminal or a benchmark log. */
  public String format() {
    return String.format(
        Locale.ROOT,
        "milter %s, %d connection(s), %d-byte messages, %d measured after %d warm-up%n"
            + "messages %d in %.2f s (%s; modifications %d; errors %d)%n"
            + "throughput %.0f msgs/s%n"
            + "latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
        options.target(),
        options.connections(),
        options.messageSize(),
        options.messages(),
        options.warmUpMessages(),
        messages(),
        measured.toNanos() / 1e9,
        verdicts.isEmpty()
            ? "no verdicts"
            : verdicts.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", ")),
        modifications,
        errors,
        messagesPerSecond(),
        p50Micros / 1000,
        p99Micros / 1000,
        p999Micros / 1000,
        maxMicros / 1000);
  }
}
