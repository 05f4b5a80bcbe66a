package org.postern.bench.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postern.bench.BenchException;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MessageModifier;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.reply.Verdict;
import org.postern.milter.server.MilterServer;

class MilterLoadDriverTest {
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong bodyBytes = new AtomicLong();
  private final AtomicLong headers = new AtomicLong();
  private DaemonServer server;

  private ListenAddress start(Supplier<MilterHandler> handlers) throws Exception {
    server =
        MilterServer.builder(handlers)
            .build()
            .daemonServer(List.of(ListenAddress.parse("inet:127.0.0.1:0")))
            .build();
    server.start();
    return server.boundAddresses().get(0);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdown().join();
      server.close();
    }
  }

  /** Counts what arrives, answers CONTINUE and adds a header at end of message. */
  private final class Counting implements MilterHandler {
    @Override
    public MilterRequirements requirements() {
      return MilterRequirements.none().requiring(Action.ADD_HEADERS);
    }

    @Override
    public CompletionStage<Verdict> connect(MilterContext context, MilterCommand.Connect connect) {
      connects.incrementAndGet();
      return CONTINUE;
    }

    @Override
    public CompletionStage<Verdict> header(MilterContext context, MilterCommand.Header header) {
      headers.incrementAndGet();
      return CONTINUE;
    }

    @Override
    public CompletionStage<Verdict> body(MilterContext context, MilterCommand.BodyChunk chunk) {
      bodyBytes.addAndGet(chunk.length());
      return CONTINUE;
    }

    @Override
    public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
      modifier.addHeader("X-Bench", "seen");
      return CONTINUE;
    }
  }

  @Test
  void sendsEveryMessageWholeAndCountsTheVerdicts() throws Exception {
    ListenAddress target = start(Counting::new);
    MilterBenchReport report = MilterLoadDriver.run(new MilterBenchOptions(target, 3, 31, 2048, 7));

    assertThat(report.errors()).isZero();
    assertThat(report.messages()).isEqualTo(31);
    assertThat(report.verdicts()).containsExactly(java.util.Map.entry("Continue", 31L));
    assertThat(report.modifications()).isEqualTo(31);
    assertThat(report.p50Micros()).isPositive();
    assertThat(report.p99Micros()).isGreaterThanOrEqualTo(report.p50Micros());
    // Warm-up and measured messages each open a session of their own on the reused connections.
    assertThat(connects.get()).isEqualTo(38);
    assertThat(headers.get()).isEqualTo(38 * 6);
    BenchMessage message = new BenchMessage(2048);
    assertThat(bodyBytes.get()).isEqualTo(38L * message.body().length);
    assertThat(report.format())
        .contains("3 connection(s), 2048-byte messages")
        .contains("Continue 31")
        .contains("msgs/s");
  }

  @Test
  void reportsTheVerdictsTheMilterGives() throws Exception {
    ListenAddress target =
        start(
            () ->
                new MilterHandler() {
                  @Override
                  public CompletionStage<Verdict> endOfMessage(
                      MilterContext context, MessageModifier modifier) {
                    return MilterHandler.answer(new Verdict.Reject());
                  }
                });
    MilterBenchReport report = MilterLoadDriver.run(new MilterBenchOptions(target, 2, 10, 512, 0));
    assertThat(report.verdicts()).containsExactly(java.util.Map.entry("Reject", 10L));
    assertThat(report.errors()).isZero();
  }

  @Test
  void anUnreachableMilterIsReported() {
    assertThatThrownBy(
            () ->
                MilterLoadDriver.run(
                    new MilterBenchOptions(ListenAddress.parse("inet:127.0.0.1:1"), 1, 1, 512, 0)))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("cannot connect");
  }

  @Test
  void theMessageHasTheRequestedSize() {
    for (int size : new int[] {256, 2048, 100_000}) {
      BenchMessage message = new BenchMessage(size);
      int headerBytes = 2;
      for (var header : message.headers(0)) {
        headerBytes += header.name().length() + 2 + header.value().length() + 2;
      }
      assertThat(headerBytes + message.body().length).isBetween(size, size + 80);
      String body = new String(message.body(), java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(body).endsWith("\r\n").doesNotContain("\n\n");
    }
  }
}
