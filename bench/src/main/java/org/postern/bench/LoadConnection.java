package org.postern.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One persistent driver connection: keeps {@code depth} requests outstanding, each with a unique
 * key, and records the latency and outcome of every reply received while measuring. State is
 * touched only on the connection's event loop; {@link #finished()} publishes it to the driver.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {
  /** Latencies up to a minute are recorded with three significant digits. */
  static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final ClientProtocol protocol;
  private final int depth;
  private final Supplier<RunPhase> phase;
  private final int index;
  private final int stride;
  private final ArrayDeque<Long> sentAt = new ArrayDeque<>();
  private final Histogram latencies = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
  private final CompletableFuture<LoadConnection> finished = new CompletableFuture<>();
  private long sequence;
  private final long[] outcomes = new long[ReplyOutcome.values().length];

  /**
   * A connection numbered {@code index} of {@code stride}; its keys never repeat those of the other
   * connections.
   */
  LoadConnection(
      ClientProtocol protocol, int depth, Supplier<RunPhase> phase, int index, int stride) {
    this.protocol = protocol;
    this.depth = depth;
    this.phase = phase;
    this.index = index;
    this.stride = stride;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    for (int i = 0; i < depth; i++) {
      send(ctx);
    }
    ctx.flush();
    ctx.fireChannelActive();
  }

  private void send(ChannelHandlerContext ctx) {
    long n = sequence++ * stride + index;
    sentAt.addLast(System.nanoTime());
    ctx.write(protocol.request(n));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object reply) {
    long now = System.nanoTime();
    Long sent = sentAt.pollFirst();
    RunPhase current = phase.get();
    if (sent == null) {
      // A reply nobody asked for: the server is out of step.
      outcomes[ReplyOutcome.ERROR.ordinal()]++;
      ctx.close();
      return;
    }
    if (current == RunPhase.MEASURING) {
      latencies.recordValue(Math.min(now - sent, HIGHEST_TRACKABLE_NANOS));
      outcomes[protocol.classify(reply).ordinal()]++;
    }
    if (current == RunPhase.STOPPED) {
      if (sentAt.isEmpty()) {
        ctx.close();
      }
      return;
    }
    send(ctx);
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (phase.get() != RunPhase.STOPPED) {
      outcomes[ReplyOutcome.ERROR.ordinal()]++;
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (phase.get() != RunPhase.STOPPED) {
      // The server hung up during the run.
      outcomes[ReplyOutcome.ERROR.ordinal()]++;
    }
    finished.complete(this);
    ctx.fireChannelInactive();
  }

  /** Completes, on the event loop, once the connection is closed; its counts are final then. */
  CompletableFuture<LoadConnection> finished() {
    return finished;
  }

  Histogram latencies() {
    return latencies;
  }

  /** Replies of {@code outcome} counted while measuring. */
  long count(ReplyOutcome outcome) {
    return outcomes[outcome.ordinal()];
  }
}
