package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.config.ConfigFile;
import org.postern.common.stats.StatsRegistry;
import org.postern.policy.PolicyAction;
import org.postern.policy.PolicyRequest;
import org.postern.testing.RedisServer;

/** A real redis-server on a free loopback port shared by two greylist services. */
class GreylistRedisIT {
  @TempDir Path directory;
  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private RedisServer redis;

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

  private GreylistService service(Map<String, String> extra) {
    Map<String, String> options = new HashMap<>(extra);
    options.put("store", redis.uri());
    options.put("default-client-whitelist", "false");
    GreylistSettings settings =
        ConfigFile.empty().section("greylist", GreylistSettings.class, options);
    return GreylistService.start(
        settings, directory, clock, new StatsRegistry().service("greylist"));
  }

  private static PolicyRequest request(String sender) {
    return new PolicyRequest(
        Map.of(
            "request", "smtpd_access_policy",
            "protocol_state", "RCPT",
            "client_address", "192.0.2.10",
            "client_name", "unknown",
            "sender", sender,
            "recipient", "bob@example.net",
            "instance", "1.2.3"));
  }

  private static PolicyAction decide(GreylistService service, PolicyRequest request) {
    return service.handler().decide(request).toCompletableFuture().join();
  }

  @Test
  void twoServersSharingRedisSeeOneTriplet() {
    try (GreylistService first = service(Map.of());
        GreylistService second = service(Map.of())) {
      assertThat(decide(first, request("alice@example.org")).action())
          .startsWith("DEFER_IF_PERMIT 4.7.1");
      clock.advance(Duration.ofSeconds(100));
      assertThat(decide(second, request("alice@example.org")).action())
          .endsWith("retry in 200 seconds");
      clock.advance(Duration.ofSeconds(200));
      assertThat(decide(second, request("alice@example.org"))).isEqualTo(PolicyAction.dunno());
      assertThat(decide(first, request("alice@example.org"))).isEqualTo(PolicyAction.dunno());
    }
  }

  @Test
  void aStoppedRedisFailsOpenOrClosedAsConfigured() throws InterruptedException {
    try (GreylistService open = service(Map.of());
        GreylistService closed = service(Map.of("store-failure", "defer-if-permit"))) {
      assertThat(decide(open, request("warmup@example.org")).action())
          .startsWith("DEFER_IF_PERMIT");
      assertThat(decide(closed, request("warmup@example.org")).action())
          .startsWith("DEFER_IF_PERMIT");

      redis.stop();
      assertThat(redis.running()).isFalse();

      assertThat(decide(open, request("new@example.org"))).isEqualTo(PolicyAction.dunno());
      assertThat(decide(closed, request("new@example.org")).action())
          .isEqualTo("DEFER_IF_PERMIT 4.7.1 Greylisting is unavailable, try again later");
    }
  }
}
