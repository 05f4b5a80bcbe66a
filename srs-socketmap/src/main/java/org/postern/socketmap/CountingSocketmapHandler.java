package org.postern.socketmap;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.postern.common.stats.Counter;
import org.postern.common.stats.LatencyHistogram;
import org.postern.common.stats.ServiceStats;

/**
 * Counts the lookups of another handler into a service's stats: {@code requests}, {@code
 * outcome.ok}, {@code outcome.notfound}, {@code outcome.temp}, {@code outcome.timeout}, {@code
 * outcome.perm}, {@code errors} (lookups that failed, answered TEMP) and the {@code lookup}
 * latency.
 */
public final class CountingSocketmapHandler implements SocketmapHandler {
  private final SocketmapHandler delegate;
  private final Counter requests;
  private final Counter errors;
  private final Map<SocketmapReply.Status, Counter> outcomes =
      new EnumMap<>(SocketmapReply.Status.class);
  private final LatencyHistogram latency;

  /** Counts {@code delegate}'s lookups into {@code stats}. */
  public CountingSocketmapHandler(SocketmapHandler delegate, ServiceStats stats) {
    this.delegate = delegate;
    this.requests = stats.counter("requests");
    this.errors = stats.counter("errors");
    for (SocketmapReply.Status status : SocketmapReply.Status.values()) {
      outcomes.put(status, stats.counter("outcome." + status.name().toLowerCase(Locale.ROOT)));
    }
    this.latency = stats.latency("lookup");
  }

  @Override
  public CompletionStage<SocketmapReply> lookup(SocketmapRequest request) {
    long start = System.nanoTime();
    requests.increment();
    CompletionStage<SocketmapReply> reply;
    try {
      reply = delegate.lookup(request);
    } catch (RuntimeException e) {
      countFailure(start);
      throw e;
    }
    return reply.whenComplete(
        (result, error) -> {
          if (error != null || result == null) {
            countFailure(start);
          } else {
            outcomes.get(result.status()).increment();
            latency.recordNanos(System.nanoTime() - start);
          }
        });
  }

  // The server answers a failed lookup with TEMP, so count it as one.
  private void countFailure(long start) {
    errors.increment();
    outcomes.get(SocketmapReply.Status.TEMP).increment();
    latency.recordNanos(System.nanoTime() - start);
  }
}
