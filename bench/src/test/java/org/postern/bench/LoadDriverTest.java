package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;
import org.postern.socketmap.SocketmapChannelInitializer;
import org.postern.srs.SrsRewriter;
import org.postern.srs.SrsSecrets;
import org.postern.srs.SrsSocketmap;
import org.postern.srs.SrsTcpTable;
import org.postern.tcptable.TcpTableChannelInitializer;

/** Short runs of the driver against in-process SRS servers; no timing is asserted. */
class LoadDriverTest {
  private static LoopbackServer socketmapServer;
  private static LoopbackServer forwardServer;
  private static LoopbackServer reverseServer;
  private static ListenAddress socketmap;
  private static ListenAddress tcpTableForward;
  private static ListenAddress tcpTableReverse;

  @BeforeAll
  static void start() throws Exception {
    SrsRewriter rewriter =
        SrsRewriter.builder()
            .srsDomain("example.com")
            .secrets(SrsSecrets.of(List.of("tops3cr3t")))
            .build();
    socketmapServer =
        new LoopbackServer(new SocketmapChannelInitializer(new SrsSocketmap(rewriter)));
    forwardServer =
        new LoopbackServer(new TcpTableChannelInitializer(SrsTcpTable.forward(rewriter)));
    reverseServer =
        new LoopbackServer(new TcpTableChannelInitializer(SrsTcpTable.reverse(rewriter)));
    socketmap = socketmapServer.address();
    tcpTableForward = forwardServer.address();
    tcpTableReverse = reverseServer.address();
  }

  @AfterAll
  static void stop() throws Exception {
    socketmapServer.close();
    forwardServer.close();
    reverseServer.close();
  }

  private static BenchOptions options(BenchProtocol protocol, ListenAddress target, String map) {
    return new BenchOptions(
        protocol, target, 2, 1, Duration.ofMillis(200), Duration.ofSeconds(1), map);
  }

  @Test
  void socketmapForwardRunFindsEveryKey() throws Exception {
    BenchReport report = LoadDriver.run(options(BenchProtocol.SOCKETMAP, socketmap, "forward"));
    assertThat(report.requests()).isPositive();
    assertThat(report.found()).isEqualTo(report.requests());
    assertThat(report.errors()).isZero();
    assertThat(report.p50Micros()).isPositive().isLessThanOrEqualTo(report.p99Micros());
    assertThat(report.format()).contains("socketmap inet:127.0.0.1:").contains("errors 0");
  }

  @Test
  void tcpTableForwardRunWithAPipelineFindsEveryKey() throws Exception {
    BenchOptions options =
        new BenchOptions(
            BenchProtocol.TCP_TABLE,
            tcpTableForward,
            2,
            4,
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            "forward");
    BenchReport report = LoadDriver.run(options);
    assertThat(report.requests()).isPositive();
    assertThat(report.found()).isEqualTo(report.requests());
    assertThat(report.errors()).isZero();
  }

  @Test
  void keysThatAreNotSrsAddressesAreNotFoundInReverseWithoutErrors() throws Exception {
    BenchReport report = LoadDriver.run(options(BenchProtocol.TCP_TABLE, tcpTableReverse, "x"));
    assertThat(report.requests()).isPositive();
    assertThat(report.notFound()).isEqualTo(report.requests());
    assertThat(report.errors()).isZero();
  }

  @Test
  void anUnknownSocketmapMapCountsAsErrors() throws Exception {
    BenchReport report = LoadDriver.run(options(BenchProtocol.SOCKETMAP, socketmap, "nosuchmap"));
    assertThat(report.requests()).isPositive();
    assertThat(report.errors()).isEqualTo(report.requests());
  }

  @Test
  void anUnreachableTargetIsABenchException() {
    ListenAddress closed = new ListenAddress.Inet("127.0.0.1", 1);
    assertThatThrownBy(() -> LoadDriver.run(options(BenchProtocol.TCP_TABLE, closed, "forward")))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("cannot connect to inet:127.0.0.1:1");
  }
}
