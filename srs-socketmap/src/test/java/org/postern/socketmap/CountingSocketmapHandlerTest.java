package org.postern.socketmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.postern.common.stats.ServiceStats;
import org.postern.common.stats.StatsRegistry;

class CountingSocketmapHandlerTest {
  private final ServiceStats stats = new StatsRegistry().service("srs");

  private static SocketmapRequest request(String key) {
    return new SocketmapRequest("forward", key);
  }

  @Test
  void countsRequestsAndOutcomesByKind() {
    SocketmapHandler answers =
        request ->
            CompletableFuture.completedFuture(
                switch (request.key()) {
                  case "ok" -> SocketmapReply.ok("x");
                  case "temp" -> SocketmapReply.temp("busy");
                  case "perm" -> SocketmapReply.perm("bad");
                  default -> SocketmapReply.notFound();
                });
    CountingSocketmapHandler counting = new CountingSocketmapHandler(answers, stats);
    for (String key : new String[] {"ok", "ok", "none", "temp", "perm"}) {
      counting.lookup(request(key)).toCompletableFuture().join();
    }
    assertThat(stats.counters().get("requests").value()).isEqualTo(5);
    assertThat(stats.counters().get("outcome.ok").value()).isEqualTo(2);
    assertThat(stats.counters().get("outcome.notfound").value()).isEqualTo(1);
    assertThat(stats.counters().get("outcome.temp").value()).isEqualTo(1);
    assertThat(stats.counters().get("outcome.perm").value()).isEqualTo(1);
    assertThat(stats.counters().get("errors").value()).isZero();
    assertThat(stats.latencies().get("lookup").snapshot().count()).isEqualTo(5);
  }

  @Test
  void aFailedLookupCountsAsAnErrorAnsweredTemp() {
    CountingSocketmapHandler counting =
        new CountingSocketmapHandler(
            request -> CompletableFuture.failedFuture(new IllegalStateException("down")), stats);
    counting.lookup(request("x")).toCompletableFuture().exceptionally(error -> null).join();
    assertThat(stats.counters().get("errors").value()).isEqualTo(1);
    assertThat(stats.counters().get("outcome.temp").value()).isEqualTo(1);
  }
}
