package org.postern.common.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * All services' stats in one process, with the process uptime; renders them as JSON (for {@code
 * postern stats}) and Prometheus text.
 */
public final class StatsRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LongSupplier nanoClock;
  private final long startNanos;
  private final ConcurrentMap<String, ServiceStats> services = new ConcurrentHashMap<>();

  /** A registry whose uptime starts now. */
  public StatsRegistry() {
    this(System::nanoTime);
  }

  /** A registry reading time from {@code nanoClock} (a {@link System#nanoTime()} stand-in). */
  public StatsRegistry(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /** The stats of service {@code name}, created on first use; thread-safe. */
  public ServiceStats service(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("service name must not be blank");
    }
    return services.computeIfAbsent(name, ServiceStats::new);
  }

  /** The services by name, sorted. */
  public SortedMap<String, ServiceStats> services() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(services));
  }

  /** Time since the registry was created. */
  public Duration uptime() {
    return Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - startNanos));
  }

  /** The stats as a JSON tree with sorted keys; see {@link StatsJson} for the shape. */
  public ObjectNode toJson() {
    return StatsJson.render(this, JSON.getNodeFactory());
  }

  /** The stats as pretty-printed JSON text. */
  public String toJsonText() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree always serializes", e);
    }
  }

  /** The stats in the Prometheus text exposition format 0.0.4. */
  public String toPrometheus() {
    return PrometheusText.render(this);
  }
}
