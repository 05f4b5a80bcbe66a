package org.postern.common.stats;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders a registry in the Prometheus text exposition format 0.0.4: one {@code # HELP} and {@code
 * # TYPE} per metric family, then its samples for every service, families sorted by name.
 */
final class PrometheusText {
  private static final String PREFIX = "postern_";

  private PrometheusText() {}

  static String render(StatsRegistry registry) {
    StringBuilder out = new StringBuilder();
    family(out, PREFIX + "uptime_seconds", "gauge", "Seconds since the process started.");
    out.append(PREFIX)
        .append("uptime_seconds ")
        .append(seconds(registry.uptime().toNanos()))
        .append('\n');

    // Families group samples from every service, so collect by metric name first.
    SortedMap<String, SortedMap<String, Long>> counters = new TreeMap<>();
    SortedMap<String, SortedMap<String, HistogramSnapshot>> histograms = new TreeMap<>();
    for (ServiceStats service : registry.services().values()) {
      for (Map.Entry<String, Counter> counter : service.counters().entrySet()) {
        counters
            .computeIfAbsent(counter.getKey(), name -> new TreeMap<>())
            .put(service.name(), counter.getValue().value());
      }
      for (Map.Entry<String, LatencyHistogram> latency : service.latencies().entrySet()) {
        histograms
            .computeIfAbsent(latency.getKey(), name -> new TreeMap<>())
            .put(service.name(), latency.getValue().snapshot());
      }
    }
    for (Map.Entry<String, SortedMap<String, Long>> counter : counters.entrySet()) {
      String metric = PREFIX + metricPart(counter.getKey()) + "_total";
      family(out, metric, "counter", "Count of '" + counter.getKey() + "' events per service.");
      for (Map.Entry<String, Long> sample : counter.getValue().entrySet()) {
        out.append(metric)
            .append(serviceLabel(sample.getKey()))
            .append(' ')
            .append(sample.getValue())
            .append('\n');
      }
    }
    for (Map.Entry<String, SortedMap<String, HistogramSnapshot>> histogram :
        histograms.entrySet()) {
      String metric = PREFIX + metricPart(histogram.getKey()) + "_seconds";
      family(
          out,
          metric,
          "histogram",
          "Latency of '" + histogram.getKey() + "' per service, in seconds.");
      for (Map.Entry<String, HistogramSnapshot> sample : histogram.getValue().entrySet()) {
        histogramSamples(out, metric, sample.getKey(), sample.getValue());
      }
    }
    return out.toString();
  }

  private static void histogramSamples(
      StringBuilder out, String metric, String service, HistogramSnapshot snapshot) {
    String label = "service=\"" + escapeLabelValue(service) + "\"";
    for (int i = 0; i <= snapshot.boundCount(); i++) {
      String le = i == snapshot.boundCount() ? "+Inf" : seconds(snapshot.boundNanos(i));
      out.append(metric)
          .append("_bucket{")
          .append(label)
          .append(",le=\"")
          .append(le)
          .append("\"} ")
          .append(snapshot.cumulativeCount(i))
          .append('\n');
    }
    out.append(metric)
        .append("_sum{")
        .append(label)
        .append("} ")
        .append(seconds(snapshot.sumNanos()))
        .append('\n');
    out.append(metric)
        .append("_count{")
        .append(label)
        .append("} ")
        .append(snapshot.count())
        .append('\n');
  }

  private static void family(StringBuilder out, String metric, String type, String help) {
    out.append("# HELP ").append(metric).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
  }

  private static String serviceLabel(String service) {
    return "{service=\"" + escapeLabelValue(service) + "\"}";
  }

  private static String metricPart(String name) {
    return name.replace('.', '_');
  }

  /** Exact decimal seconds, e.g. 0.00025, without exponent notation. */
  static String seconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
  }

  /** Label values escape backslash, double quote and line feed. */
  static String escapeLabelValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Help text escapes backslash and line feed. */
  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
