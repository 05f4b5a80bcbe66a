package org.postern.common.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Renders a registry as {@code {"uptime-seconds":N, "services":{"srs":{"counters":{...},
 * "latency":{"request":{"count", "sum-ms", "mean-ms", "p50-ms", "p90-ms", "p99-ms"}}}}}} with keys
 * sorted and times in milliseconds rounded to microseconds.
 */
final class StatsJson {
  private StatsJson() {}

  static ObjectNode render(StatsRegistry registry, JsonNodeFactory nodes) {
    ObjectNode root = nodes.objectNode();
    root.put("uptime-seconds", registry.uptime().toSeconds());
    ObjectNode services = root.putObject("services");
    for (ServiceStats service : registry.services().values()) {
      ObjectNode serviceNode = services.putObject(service.name());
      ObjectNode counters = serviceNode.putObject("counters");
      for (Map.Entry<String, Counter> counter : service.counters().entrySet()) {
        counters.put(counter.getKey(), counter.getValue().value());
      }
      ObjectNode latencies = serviceNode.putObject("latency");
      for (Map.Entry<String, LatencyHistogram> latency : service.latencies().entrySet()) {
        HistogramSnapshot snapshot = latency.getValue().snapshot();
        ObjectNode node = latencies.putObject(latency.getKey());
        node.put("count", snapshot.count());
        node.put("sum-ms", roundMicros(snapshot.sumNanos() / 1e6));
        node.put("mean-ms", roundMicros(snapshot.meanMillis()));
        node.put("p50-ms", roundMicros(snapshot.percentileMillis(0.50)));
        node.put("p90-ms", roundMicros(snapshot.percentileMillis(0.90)));
        node.put("p99-ms", roundMicros(snapshot.percentileMillis(0.99)));
      }
    }
    return root;
  }

  private static double roundMicros(double millis) {
    return Math.round(millis * 1000.0) / 1000.0;
  }
}
