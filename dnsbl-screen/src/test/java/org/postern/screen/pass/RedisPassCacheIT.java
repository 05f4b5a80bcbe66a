package org.postern.screen.pass;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.config.ConfigFile;
import org.postern.common.stats.ServiceStats;
import org.postern.common.stats.StatsRegistry;
import org.postern.policy.PolicyAction;
import org.postern.policy.PolicyRequest;
import org.postern.screen.Rbldnsd;
import org.postern.screen.ScreenService;
import org.postern.screen.ScreenSettings;
import org.postern.testing.Peers;
import org.postern.testing.RedisServer;

/** A real redis-server on a free loopback port shared by two screen services' pass caches. */
class RedisPassCacheIT {
  private static Rbldnsd rbldnsd;
  @TempDir Path directory;
  private RedisServer redis;

  @BeforeAll
  static void startRbldnsd() throws Exception {
    Peers.require("rbldnsd");
    rbldnsd = Rbldnsd.start(Map.of("zen.test", "ip4set|:127.0.0.2:listed\n127.0.0.5\n"));
  }

  @AfterAll
  static void stopRbldnsd() {
    if (rbldnsd != null) {
      rbldnsd.close();
    }
  }

  @BeforeEach
  void startRedis() throws Exception {
    redis = RedisServer.start(directory);
  }

  @AfterEach
  void stopRedis() throws InterruptedException {
    if (redis != null) {
      redis.close();
    }
  }

  private ScreenService service(ServiceStats stats) throws IOException {
    Map<String, String> options = new HashMap<>();
    options.put("dnsbl-sites", "zen.test=127.0.0.[2..11]*3");
    options.put("dns-servers", rbldnsd.server());
    options.put("dnsbl-timeout", "2s");
    options.put("pass-cache", redis.uri());
    options.put("redis-timeout", "2s"); // a loaded build machine, not a latency test
    ScreenSettings settings = ConfigFile.empty().section("screen", ScreenSettings.class, options);
    return ScreenService.start(settings, Clock.systemUTC(), stats);
  }

  private static PolicyAction decide(ScreenService service, String client) throws Exception {
    PolicyRequest request =
        new PolicyRequest(
            Map.of(
                "request", "smtpd_access_policy",
                "protocol_state", "RCPT",
                "client_address", client,
                "client_name", "unknown",
                "sender", "alice@example.org",
                "recipient", "bob@example.net",
                "instance", "1.2.3"));
    return service.handler().decide(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static long outcome(ServiceStats stats, String name) {
    return stats.counter("outcome." + name).value();
  }

  private long pttl(String key) {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().pttl(key);
    } finally {
      client.shutdown();
    }
  }

  @Test
  void twoServicesSharingRedisSeeOnePass() throws Exception {
    StatsRegistry registry = new StatsRegistry();
    ServiceStats firstStats = registry.service("first");
    ServiceStats secondStats = registry.service("second");
    ScreenService first = service(firstStats);
    ScreenService second = service(secondStats);
    try {
      assertThat(decide(first, "127.0.0.9")).isEqualTo(PolicyAction.dunno());
      assertThat(outcome(firstStats, "pass")).isEqualTo(1);
      // The pass is written without waiting for Redis; give the write a moment to land.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (pttl("postern:screen:pass:dnsbl:127.0.0.9") < 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long ttl = pttl("postern:screen:pass:dnsbl:127.0.0.9");
      assertThat(ttl).as("the key expires by itself").isBetween(1L, 3_600_000L);

      assertThat(decide(second, "127.0.0.9")).isEqualTo(PolicyAction.dunno());
      assertThat(outcome(secondStats, "pass_cached")).isEqualTo(1);
      assertThat(outcome(secondStats, "pass")).isZero();

      assertThat(decide(second, "127.0.0.5").action()).startsWith("REJECT 5.7.1");
      assertThat(pttl("postern:screen:pass:dnsbl:127.0.0.5"))
          .as("no pass for a listing")
          .isEqualTo(-2);
    } finally {
      first.shutdown().join();
      second.shutdown().join();
    }
  }

  @Test
  void aStoppedRedisMeansTestingEveryTime() throws Exception {
    ServiceStats stats = new StatsRegistry().service("screen");
    ScreenService service = service(stats);
    try {
      assertThat(decide(service, "127.0.0.9")).isEqualTo(PolicyAction.dunno());

      redis.stop();
      assertThat(redis.running()).isFalse();

      for (int i = 0; i < 3; i++) {
        assertThat(decide(service, "127.0.0.10")).isEqualTo(PolicyAction.dunno());
        assertThat(decide(service, "127.0.0.5").action()).startsWith("REJECT 5.7.1");
      }
      assertThat(outcome(stats, "pass")).as("tested every time, nothing cached").isEqualTo(4);
      assertThat(outcome(stats, "listed_reject")).isEqualTo(3);
    } finally {
      service.shutdown().join();
    }
  }
}
