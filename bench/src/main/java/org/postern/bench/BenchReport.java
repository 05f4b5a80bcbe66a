package org.postern.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a load run measured. Counts cover replies received during the measured time only.
 *
 * @param options what was run
 * @param measured the measured time, as it really elapsed
 * @param outcomes replies counted by kind; kinds never seen are absent
 * @param p50Micros median latency in microseconds
 * @param p99Micros 99th percentile latency in microseconds
 * @param p999Micros 99.9th percentile latency in microseconds
 * @param maxMicros largest latency in microseconds
 */
public record BenchReport(
    BenchOptions options,
    Duration measured,
    Map<ReplyOutcome, Long> outcomes,
    double p50Micros,
    double p99Micros,
    double p999Micros,
    double maxMicros) {

  /** Copies the counts. */
  public BenchReport {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(measured, "measured");
    EnumMap<ReplyOutcome, Long> copy = new EnumMap<>(ReplyOutcome.class);
    copy.putAll(outcomes);
    outcomes = Collections.unmodifiableMap(copy);
  }

  /** Replies of one kind. */
  public long count(ReplyOutcome outcome) {
    return outcomes.getOrDefault(outcome, 0L);
  }

  /** Lookup replies with a value ({@code OK}, {@code 200}). */
  public long found() {
    return count(ReplyOutcome.FOUND);
  }

  /** Lookup replies without one ({@code NOTFOUND}, {@code 500}). */
  public long notFound() {
    return count(ReplyOutcome.NOT_FOUND);
  }

  /** Temporary or permanent failures, malformed replies and lost connections. */
  public long errors() {
    return count(ReplyOutcome.ERROR);
  }

  /** Replies received during the measured time, whatever they said. */
  public long requests() {
    return outcomes.values().stream().mapToLong(Long::longValue).sum();
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
            + "requests %d (%s)%n"
            + "throughput %.0f req/s%n"
            + "latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
        options.protocol(),
        options.target(),
        options.connections(),
        options.pipelineDepth(),
        measured.toNanos() / 1e9,
        options.warmUp().toNanos() / 1e9,
        requests(),
        kinds().stream()
            .map(kind -> kind.label() + " " + count(kind))
            .collect(Collectors.joining(", ")),
        requestsPerSecond(),
        p50Micros / 1000,
        p99Micros / 1000,
        p999Micros / 1000,
        maxMicros / 1000);
  }

  // The kinds the protocol can answer with, in a fixed order, errors last.
  private List<ReplyOutcome> kinds() {
    if (options.protocol() == BenchProtocol.SMTP_GREETING) {
      return List.of(ReplyOutcome.GREETED, ReplyOutcome.ERROR);
    }
    return options.protocol() == BenchProtocol.POLICY || options.protocol() == BenchProtocol.SCREEN
        ? List.of(
            ReplyOutcome.DEFER_IF_PERMIT,
            ReplyOutcome.DUNNO,
            ReplyOutcome.OTHER_ACTION,
            ReplyOutcome.ERROR)
        : List.of(ReplyOutcome.FOUND, ReplyOutcome.NOT_FOUND, ReplyOutcome.ERROR);
  }
}
