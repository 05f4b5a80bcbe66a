package org.postern.common.stats;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The counters and latency histograms of one service. Look them up once and keep the reference on
 * hot paths; lookups are thread-safe and create on first use.
 */
public final class ServiceStats {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

  private final String name;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LatencyHistogram> latencies = new ConcurrentHashMap<>();

  ServiceStats(String name) {
    this.name = name;
  }

  /** The service name, e.g. {@code srs}; the {@code service} label in Prometheus. */
  public String name() {
    return name;
  }

  /** The counter {@code name} (e.g. {@code requests}, {@code outcome.defer}). */
  public Counter counter(String name) {
    return counters.computeIfAbsent(requireMetricName(name), ignored -> new Counter());
  }

  /** The latency histogram {@code name} (e.g. {@code request}). */
  public LatencyHistogram latency(String name) {
    return latencies.computeIfAbsent(requireMetricName(name), ignored -> new LatencyHistogram());
  }

  /** The counters by name, sorted, for rendering. */
  public SortedMap<String, Counter> counters() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(counters));
  }

  /** The latency histograms by name, sorted, for rendering. */
  public SortedMap<String, LatencyHistogram> latencies() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(latencies));
  }

  private static String requireMetricName(String name) {
    if (name == null || !METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "metric name '" + name + "' must be lower-case words joined by '_' or '.'");
    }
    return name;
  }
}
