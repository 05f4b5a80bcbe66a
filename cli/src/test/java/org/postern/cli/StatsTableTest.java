package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatsTableTest {

  @Test
  void rendersCountersAndLatenciesPerService() throws Exception {
    String json =
        """
        {"uptime-seconds": 93784,
         "services": {"srs": {"counters": {"requests": 12, "outcome.notfound": 3},
                              "latency": {"request": {"count": 12, "mean-ms": 0.25,
                                "p50-ms": 0.2, "p90-ms": 0.5, "p99-ms": 1.0}}}}}
        """;
    String table = StatsCommand.StatsTable.render(new ObjectMapper().readTree(json));
    assertThat(table)
        .contains("Uptime: 1d 2h 3m 4s")
        .contains("srs:")
        .containsPattern("requests\\s+12")
        .containsPattern("outcome.notfound\\s+3")
        .containsPattern("latency request\\s+12\\s+mean 0.25 ms\\s+p50 0.20 ms");
  }
}
