package org.postern.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StatsRegistryTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final StatsRegistry registry = new StatsRegistry(clock::get);

  @Test
  void countersAndHistogramsAppearInJson() throws Exception {
    ServiceStats srs = registry.service("srs");
    srs.counter("requests").add(5);
    srs.counter("outcome.defer").increment();
    srs.latency("request").record(Duration.ofMillis(2));
    srs.latency("request").recordNanos(4_000_000);
    registry.service("greylist").counter("errors").increment();
    clock.addAndGet(Duration.ofSeconds(42).toNanos());

    JsonNode json = new ObjectMapper().readTree(registry.toJsonText());

    assertThat(json.get("uptime-seconds").asLong()).isEqualTo(42);
    JsonNode services = json.get("services");
    assertThat(fieldNames(services)).containsExactly("greylist", "srs");
    assertThat(services.at("/greylist/counters/errors").asLong()).isEqualTo(1);
    assertThat(fieldNames(services.at("/srs/counters")))
        .containsExactly("outcome.defer", "requests");
    assertThat(services.at("/srs/counters/requests").asLong()).isEqualTo(5);
    JsonNode request = services.at("/srs/latency/request");
    assertThat(fieldNames(request))
        .containsExactly("count", "sum-ms", "mean-ms", "p50-ms", "p90-ms", "p99-ms");
    assertThat(request.get("count").asLong()).isEqualTo(2);
    assertThat(request.get("sum-ms").asDouble()).isEqualTo(6.0);
    assertThat(request.get("mean-ms").asDouble()).isEqualTo(3.0);
    // 2 ms lies in (1, 2.5] and 4 ms in (2.5, 5]: the median is the first, p99 the second.
    assertThat(request.get("p50-ms").asDouble()).isGreaterThan(1.0).isLessThanOrEqualTo(2.5);
    assertThat(request.get("p99-ms").asDouble()).isGreaterThan(2.5).isLessThanOrEqualTo(5.0);
  }

  @Test
  void countersAndHistogramsAppearInPrometheusText() {
    registry.service("srs").counter("requests").add(7);
    registry.service("srs").counter("outcome.defer").add(2);
    registry.service("greylist").counter("requests").add(3);
    LatencyHistogram latency = registry.service("srs").latency("request");
    latency.recordNanos(50_000); // 0.05 ms: first bucket
    latency.recordNanos(300_000); // 0.3 ms: (0.25, 0.5]
    latency.record(Duration.ofSeconds(20)); // beyond 10 s: only +Inf
    clock.addAndGet(1_500_000_000L);

    PrometheusSamples samples = PrometheusSamples.parse(registry.toPrometheus());

    assertThat(samples.value("postern_uptime_seconds")).isEqualTo(1.5);
    assertThat(samples.types).containsEntry("postern_requests_total", "counter");
    assertThat(samples.value("postern_requests_total{service=\"srs\"}")).isEqualTo(7);
    assertThat(samples.value("postern_requests_total{service=\"greylist\"}")).isEqualTo(3);
    assertThat(samples.value("postern_outcome_defer_total{service=\"srs\"}")).isEqualTo(2);
    assertThat(samples.types).containsEntry("postern_request_seconds", "histogram");
    String bucket = "postern_request_seconds_bucket{service=\"srs\",le=\"%s\"}";
    assertThat(samples.value(bucket.formatted("0.0001"))).isEqualTo(1);
    assertThat(samples.value(bucket.formatted("0.00025"))).isEqualTo(1);
    assertThat(samples.value(bucket.formatted("0.0005"))).isEqualTo(2);
    assertThat(samples.value(bucket.formatted("10"))).isEqualTo(2);
    assertThat(samples.value(bucket.formatted("+Inf"))).isEqualTo(3);
    assertThat(samples.value("postern_request_seconds_count{service=\"srs\"}")).isEqualTo(3);
    assertThat(samples.value("postern_request_seconds_sum{service=\"srs\"}"))
        .isCloseTo(20.00035, within(1e-9));
  }

  @Test
  void bucketsAreCumulativeAndCoverEveryBound() {
    LatencyHistogram latency = registry.service("lmtp").latency("delivery");
    for (long bound : LatencyHistogram.BOUNDS_NANOS) {
      latency.recordNanos(bound); // bounds are inclusive: each lands in its own bucket
    }

    PrometheusSamples samples = PrometheusSamples.parse(registry.toPrometheus());

    List<Double> cumulative = new ArrayList<>();
    samples.values.forEach(
        (series, value) -> {
          if (series.startsWith("postern_delivery_seconds_bucket")) {
            cumulative.add(value);
          }
        });
    assertThat(cumulative).hasSize(LatencyHistogram.BOUNDS_NANOS.length + 1);
    for (int i = 0; i < LatencyHistogram.BOUNDS_NANOS.length; i++) {
      assertThat(cumulative.get(i)).isEqualTo(i + 1.0);
    }
    assertThat(cumulative.get(cumulative.size() - 1))
        .isEqualTo((double) LatencyHistogram.BOUNDS_NANOS.length);
  }

  @Test
  void labelValuesAndHelpAreEscaped() {
    registry.service("we\"ird\\name\nx").counter("requests").increment();

    String text = registry.toPrometheus();

    assertThat(text).contains("postern_requests_total{service=\"we\\\"ird\\\\name\\nx\"} 1\n");
    PrometheusSamples.parse(text);
  }

  @Test
  void metricNamesAreValidated() {
    ServiceStats stats = registry.service("srs");
    for (String bad : List.of("", "Requests", "1st", "a-b", "a..b", "a.", "rate%")) {
      assertThatThrownBy(() -> stats.counter(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> stats.latency(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> registry.service(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stats.counter("requests").add(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lookupsReturnTheSameInstance() {
    assertThat(registry.service("srs")).isSameAs(registry.service("srs"));
    assertThat(registry.service("srs").counter("requests"))
        .isSameAs(registry.service("srs").counter("requests"));
    assertThat(registry.service("srs").latency("request"))
        .isSameAs(registry.service("srs").latency("request"));
  }

  @Test
  void concurrentIncrementsAreAllCounted() throws Exception {
    int threads = 8;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    // Looked up every time to exercise create-on-first-use races too.
                    ServiceStats stats = registry.service("srs");
                    stats.counter("requests").increment();
                    stats.latency("request").recordNanos(i % 3 == 0 ? 200_000 : 3_000_000);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) threads * perThread;
    assertThat(registry.service("srs").counter("requests").value()).isEqualTo(total);
    assertThat(registry.service("srs").latency("request").snapshot().count()).isEqualTo(total);
    assertThat(registry.toJson().at("/services/srs/counters/requests").asLong()).isEqualTo(total);
  }

  @Property
  void percentilesLandInTheBucketOfTheirSample(
      @ForAll @LongRange(min = 1, max = 12_000_000_000L) long nanos,
      @ForAll @Size(min = 1, max = 5) List<@LongRange(min = 0, max = 3) Long> repeats) {
    LatencyHistogram histogram = new StatsRegistry().service("p").latency("request");
    long count = 1 + repeats.stream().mapToLong(Long::longValue).sum();
    for (long i = 0; i < count; i++) {
      histogram.recordNanos(nanos);
    }
    HistogramSnapshot snapshot = histogram.snapshot();

    int bucket = 0;
    while (bucket < LatencyHistogram.BOUNDS_NANOS.length
        && nanos > LatencyHistogram.BOUNDS_NANOS[bucket]) {
      bucket++;
    }
    for (double quantile : new double[] {0.5, 0.9, 0.99, 1.0}) {
      double millis = snapshot.percentileMillis(quantile);
      if (bucket == LatencyHistogram.BOUNDS_NANOS.length) {
        assertThat(millis).isEqualTo(10_000.0);
      } else {
        double lower = bucket == 0 ? 0 : LatencyHistogram.BOUNDS_NANOS[bucket - 1] / 1e6;
        double upper = LatencyHistogram.BOUNDS_NANOS[bucket] / 1e6;
        assertThat(millis).isGreaterThan(lower).isLessThanOrEqualTo(upper);
      }
    }
    assertThat(snapshot.meanMillis()).isCloseTo(nanos / 1e6, within(1e-9));
  }

  @Test
  void percentilesSplitAMixedDistribution() {
    LatencyHistogram histogram = registry.service("srs").latency("request");
    for (int i = 0; i < 90; i++) {
      histogram.recordNanos(200_000); // 0.2 ms, bucket (0.1, 0.25]
    }
    for (int i = 0; i < 10; i++) {
      histogram.record(Duration.ofMillis(700)); // bucket (500, 1000]
    }

    HistogramSnapshot snapshot = histogram.snapshot();

    assertThat(snapshot.percentileMillis(0.5)).isGreaterThan(0.1).isLessThanOrEqualTo(0.25);
    assertThat(snapshot.percentileMillis(0.9)).isGreaterThan(0.1).isLessThanOrEqualTo(0.25);
    assertThat(snapshot.percentileMillis(0.99)).isGreaterThan(500).isLessThanOrEqualTo(1000);
    assertThat(new StatsRegistry().service("x").latency("y").snapshot().percentileMillis(0.5))
        .isZero();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
