package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.stats.StatsRegistry;
import org.postern.greylist.GreylistService;
import org.postern.greylist.GreylistSettings;
import org.postern.policy.PolicyAction;
import org.postern.policy.PolicyChannelInitializer;
import org.postern.policy.PolicyHandler;
import org.postern.policy.PolicyRequest;

/** Short policy runs against Postern's own policy server; no timing is asserted. */
class PolicyLoadTest {

  private static BenchOptions options(ListenAddress target) {
    return new BenchOptions(
        BenchProtocol.POLICY, target, 2, 1, Duration.ofMillis(200), Duration.ofSeconds(1), "x");
  }

  @Test
  void everyRequestIsANewTripletSoTheGreylistDefersEveryOne(@TempDir Path data) throws Exception {
    GreylistService service =
        GreylistService.start(
            GreylistSettings.defaults(), data, Clock.systemUTC(), new StatsRegistry().service("g"));
    BenchReport report;
    try (LoopbackServer server = new LoopbackServer(service.channelInitializer())) {
      report = LoadDriver.run(options(server.address()));
    } finally {
      service.close();
    }
    assertThat(report.requests()).isPositive();
    assertThat(report.count(ReplyOutcome.DEFER_IF_PERMIT)).isEqualTo(report.requests());
    assertThat(report.format())
        .contains("policy inet:127.0.0.1:")
        .contains("DEFER_IF_PERMIT " + report.requests())
        .contains("DUNNO 0")
        .contains("errors 0");
  }

  @Test
  void repliesAreCountedByActionKind() throws Exception {
    // The recipient is rcpt<N>@example.com: answer by N modulo 3.
    PolicyHandler handler =
        request -> {
          long n = Long.parseLong(request.recipient().replaceAll("\\D", ""));
          PolicyAction action =
              switch ((int) (n % 3)) {
                case 0 -> PolicyAction.deferIfPermit("4.7.1 later");
                case 1 -> PolicyAction.dunno();
                default -> PolicyAction.prepend("X-Test: yes");
              };
          return CompletableFuture.completedFuture(action);
        };
    BenchReport report;
    try (LoopbackServer server = new LoopbackServer(new PolicyChannelInitializer(handler))) {
      report = LoadDriver.run(options(server.address()));
    }
    assertThat(report.count(ReplyOutcome.DEFER_IF_PERMIT)).isPositive();
    assertThat(report.count(ReplyOutcome.DUNNO)).isPositive();
    assertThat(report.count(ReplyOutcome.OTHER_ACTION)).isPositive();
    assertThat(report.errors()).isZero();
    assertThat(report.found() + report.notFound()).isZero();
  }

  @Test
  void aServerThatHangsUpCountsAsErrors() throws Exception {
    PolicyHandler failing =
        (PolicyRequest request) -> CompletableFuture.failedFuture(new IllegalStateException("x"));
    BenchReport report;
    try (LoopbackServer server = new LoopbackServer(new PolicyChannelInitializer(failing))) {
      report = LoadDriver.run(options(server.address()));
    }
    assertThat(report.errors()).isPositive();
    assertThat(report.count(ReplyOutcome.DEFER_IF_PERMIT)).isZero();
  }
}
