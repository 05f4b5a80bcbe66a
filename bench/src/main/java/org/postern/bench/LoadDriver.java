package org.postern.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.postern.common.address.ListenAddress;
import org.postern.common.transport.Transport;

/**
 * Drives a lookup or policy server with persistent connections, each sending unique requests
 * (lookup keys {@code user<N>@foreign<N>.test}, or policy requests for a new triplet) back to back,
 * and reports throughput, latency percentiles and replies by kind. Mirrors how Postfix uses a table
 * or a policy service: few long-lived connections, one request after another.
 */
public final class LoadDriver {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private LoadDriver() {}

  /** Runs the load described by {@code options} and reports what was measured. */
  public static BenchReport run(BenchOptions options) throws BenchException, InterruptedException {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            options.driverThreads(), Transport.preferred().ioHandlerFactory());
    try {
      return run(options, group);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  private static BenchReport run(BenchOptions options, EventLoopGroup group)
      throws BenchException, InterruptedException {
    ClientProtocol protocol = ClientProtocol.of(options);
    PhaseHolder phase = new PhaseHolder();
    Bootstrap bootstrap = bootstrap(group, options.target());
    List<LoadConnection> connections = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    try {
      for (int i = 0; i < options.connections(); i++) {
        LoadConnection connection =
            new LoadConnection(
                protocol, options.pipelineDepth(), phase::get, i, options.connections());
        ChannelFuture connect =
            bootstrap
                .clone()
                .handler(
                    new ChannelInitializer<Channel>() {
                      @Override
                      protected void initChannel(Channel channel) {
                        protocol.configure(channel.pipeline());
                        channel.pipeline().addLast("load", connection);
                      }
                    })
                .connect(Transport.of(group).socketAddress(options.target()));
        if (!connect.await(CONNECT_TIMEOUT.toMillis()) || !connect.isSuccess()) {
          throw new BenchException(
              "cannot connect to " + options.target() + ": " + describe(connect.cause()),
              connect.cause());
        }
        connections.add(connection);
        channels.add(connect.channel());
      }
      Thread.sleep(options.warmUp().toMillis());
      phase.set(RunPhase.MEASURING);
      long start = System.nanoTime();
      Thread.sleep(options.duration().toMillis());
      phase.set(RunPhase.STOPPED);
      Duration measured = Duration.ofNanos(System.nanoTime() - start);
      awaitDrained(connections, channels);
      return report(options, measured, connections);
    } finally {
      phase.set(RunPhase.STOPPED);
      for (Channel channel : channels) {
        channel.close();
      }
    }
  }

  private static Bootstrap bootstrap(EventLoopGroup group, ListenAddress target) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
    bootstrap.channel(Transport.of(group).clientChannel(target));
    if (target instanceof ListenAddress.Unix) {
      return bootstrap;
    }
    // Without TCP_NODELAY, Nagle and delayed ACKs add ~40 ms stalls to small request/reply pairs.
    return bootstrap.option(ChannelOption.TCP_NODELAY, true);
  }

  private static String describe(Throwable cause) {
    return cause == null ? "timed out" : String.valueOf(cause.getMessage());
  }

  // Each connection closes itself once its outstanding replies are in; close the stragglers.
  private static void awaitDrained(List<LoadConnection> connections, List<Channel> channels)
      throws InterruptedException {
    CompletableFuture<?> all =
        CompletableFuture.allOf(
            connections.stream().map(LoadConnection::finished).toArray(CompletableFuture[]::new));
    try {
      all.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      for (Channel channel : channels) {
        channel.close();
      }
      try {
        all.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException ignored) {
        // Counts of a connection that never closed stay as they were; the report still holds.
      }
    }
  }

  private static BenchReport report(
      BenchOptions options, Duration measured, List<LoadConnection> connections) {
    Histogram latencies = new Histogram(LoadConnection.HIGHEST_TRACKABLE_NANOS, 3);
    Map<ReplyOutcome, Long> outcomes = new EnumMap<>(ReplyOutcome.class);
    for (LoadConnection connection : connections) {
      latencies.add(connection.latencies());
      for (ReplyOutcome outcome : ReplyOutcome.values()) {
        if (connection.count(outcome) > 0) {
          outcomes.merge(outcome, connection.count(outcome), Long::sum);
        }
      }
    }
    return new BenchReport(
        options,
        measured,
        outcomes,
        latencies.getValueAtPercentile(50) / 1000.0,
        latencies.getValueAtPercentile(99) / 1000.0,
        latencies.getValueAtPercentile(99.9) / 1000.0,
        latencies.getMaxValue() / 1000.0);
  }

  /** The run's phase, written by the driver thread, read by every connection. */
  private static final class PhaseHolder {
    private volatile RunPhase phase = RunPhase.WARMING_UP;

    RunPhase get() {
      return phase;
    }

    void set(RunPhase phase) {
      this.phase = phase;
    }
  }
}
