package org.postern.bench.milter;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.postern.bench.BenchException;
import org.postern.common.transport.Transport;
import org.postern.milter.client.MilterClient;
import org.postern.milter.client.MilterClientFactory;

/**
 * Drives a milter with {@link MilterClient}s the way Postfix's smtpd processes do: each connection
 * negotiates once and then sends whole SMTP sessions back to back, reset with QUIT_NC. Sends the
 * warm-up messages, then measures the requested number and reports msgs/s and latency percentiles
 * (from CONNECT to the end-of-message verdict).
 */
public final class MilterLoadDriver {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
  private static final long RUN_TIMEOUT_MINUTES = 30;

  private MilterLoadDriver() {}

  /** Runs the load {@code options} describes and reports what was measured. */
  public static MilterBenchReport run(MilterBenchOptions options)
      throws BenchException, InterruptedException {
    int threads = Math.min(options.connections(), Runtime.getRuntime().availableProcessors());
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(threads, Transport.preferred().ioHandlerFactory());
    try (MilterClientFactory factory =
        MilterClientFactory.builder(options.target())
            .eventLoops(group)
            .connectTimeout(Duration.ofSeconds(5))
            .commandTimeout(STEP_TIMEOUT)
            .contentTimeout(STEP_TIMEOUT)
            .build()) {
      return run(options, factory);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  private static MilterBenchReport run(MilterBenchOptions options, MilterClientFactory factory)
      throws BenchException, InterruptedException {
    BenchMessage message = new BenchMessage(options.messageSize());
    List<MilterLoadConnection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < options.connections(); i++) {
        connections.add(new MilterLoadConnection(connect(factory), message));
      }
      long warmUpBase = 1L << 40; // warm-up messages never share a number with measured ones
      await(send(connections, warmUpBase, options.warmUpMessages()));
      connections.forEach(MilterLoadConnection::clear);
      long start = System.nanoTime();
      await(send(connections, 0, options.messages()));
      Duration measured = Duration.ofNanos(System.nanoTime() - start);
      return report(options, measured, connections);
    } finally {
      for (MilterLoadConnection connection : connections) {
        connection.client().close();
      }
    }
  }

  private static MilterClient connect(MilterClientFactory factory)
      throws BenchException, InterruptedException {
    try {
      return factory.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = MilterClient.unwrap(e);
      throw new BenchException(
          "cannot connect to " + factory.address() + ": " + cause.getMessage(), cause);
    }
  }

  // Spreads `total` messages over the connections; connection i sends base+i, base+i+N, ...
  private static CompletableFuture<Void> send(
      List<MilterLoadConnection> connections, long base, int total) {
    int count = connections.size();
    CompletableFuture<?>[] done = new CompletableFuture<?>[count];
    for (int i = 0; i < count; i++) {
      int share = total / count + (i < total % count ? 1 : 0);
      done[i] = connections.get(i).send(base + i, count, share);
    }
    return CompletableFuture.allOf(done);
  }

  private static void await(CompletableFuture<Void> all)
      throws BenchException, InterruptedException {
    try {
      all.get(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException("the run did not finish: " + e, e);
    }
  }

  private static MilterBenchReport report(
      MilterBenchOptions options, Duration measured, List<MilterLoadConnection> connections) {
    Histogram latencies = new Histogram(MilterLoadConnection.HIGHEST_TRACKABLE_NANOS, 3);
    Map<String, Long> verdicts = new TreeMap<>();
    long modifications = 0;
    long errors = 0;
    for (MilterLoadConnection connection : connections) {
      latencies.add(connection.latencies());
      connection.verdicts().forEach((kind, n) -> verdicts.merge(kind, n, Long::sum));
      modifications += connection.modifications();
      errors += connection.errors();
    }
    return new MilterBenchReport(
        options,
        measured,
        verdicts,
        modifications,
        errors,
        latencies.getValueAtPercentile(50) / 1000.0,
        latencies.getValueAtPercentile(99) / 1000.0,
        latencies.getValueAtPercentile(99.9) / 1000.0,
        latencies.getMaxValue() / 1000.0);
  }
}
