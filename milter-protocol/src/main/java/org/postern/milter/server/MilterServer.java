package org.postern.milter.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.common.stats.ServiceStats;
import org.postern.common.stats.StatsRegistry;
import org.postern.milter.codec.MilterCommandDecoder;
import org.postern.milter.codec.MilterFrameDecoder;
import org.postern.milter.codec.MilterReplyEncoder;
import org.postern.milter.filter.FilterChain;
import org.postern.milter.handler.MilterHandler;

/**
 * The milter server pipeline for each accepted connection: frame decoder, reply encoder and a
 * session driver running a fresh filter from the factory. Hand it to {@link DaemonServer} (see
 * {@link #daemonServer}) to listen on TCP or unix sockets.
 *
 * <pre>{@code
 * MilterServer milter = MilterServer.builder(() -> new MyFilter()).build();
 * DaemonServer server = milter.daemonServer(List.of(ListenAddress.parse("inet:127.0.0.1:8891")))
 *     .build();
 * server.start();
 * }</pre>
 */
public final class MilterServer extends ChannelInitializer<Channel> {

  /** The default time a filter may take to answer one stage: 30 seconds. */
  public static final Duration DEFAULT_STAGE_TIMEOUT = Duration.ofSeconds(30);

  private static final MilterReplyEncoder ENCODER = new MilterReplyEncoder();

  private final Supplier<? extends MilterHandler> handlers;
  private final Duration stageTimeout;
  private final int maxFrameLength;
  private final MilterStats stats;

  private MilterServer(Builder builder) {
    this.handlers = builder.handlers;
    this.stageTimeout = builder.stageTimeout;
    this.maxFrameLength = builder.maxFrameLength;
    this.stats = new MilterStats(builder.stats);
  }

  /** Starts a builder; {@code handlers} makes the filter (often a chain) of each connection. */
  public static Builder builder(Supplier<? extends MilterHandler> handlers) {
    return new Builder(handlers);
  }

  /**
   * A server running {@code chain} (built from {@code settings.handlers()}, see {@link
   * org.postern.milter.filter.MilterFilterRegistry#chain}) with the other {@code settings},
   * counting into {@code stats}. The caller closes the chain after the server stopped.
   */
  public static MilterServer fromSettings(
      MilterSettings settings, FilterChain chain, ServiceStats stats) {
    return builder(chain)
        .stageTimeout(settings.stageTimeout())
        .maxFrameLength(settings.maxFrameSize().toIntBytes())
        .stats(stats)
        .build();
  }

  /** A daemon server builder named {@code milter} listening on {@code addresses} with this. */
  public DaemonServer.Builder daemonServer(List<ListenAddress> addresses) {
    return DaemonServer.builder("milter").addresses(addresses).childHandler(this);
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast("quick-ack", QuickAck.INSTANCE)
        .addLast("milter-decoder", new MilterCommandDecoder(maxFrameLength))
        .addLast("milter-encoder", ENCODER)
        .addLast(
            "milter-session", new MilterConnectionHandler(handlers.get(), stageTimeout, stats));
  }

  /** Configures a {@link MilterServer}; settings are checked at {@link #build()}. */
  public static final class Builder {
    private final Supplier<? extends MilterHandler> handlers;
    private Duration stageTimeout = DEFAULT_STAGE_TIMEOUT;
    private int maxFrameLength = MilterFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;
    private ServiceStats stats;

    private Builder(Supplier<? extends MilterHandler> handlers) {
      this.handlers = handlers;
    }

    /** How long a filter may take per stage before the message gets TEMPFAIL. Default 30 s. */
    public Builder stageTimeout(Duration stageTimeout) {
      this.stageTimeout = stageTimeout;
      return this;
    }

    /** The largest frame accepted from the MTA, in bytes. Default 1 MiB. */
    public Builder maxFrameLength(int maxFrameLength) {
      this.maxFrameLength = maxFrameLength;
      return this;
    }

    /** Where to count connections, messages, verdicts and errors. Default: a private registry. */
    public Builder stats(ServiceStats stats) {
      this.stats = stats;
      return this;
    }

    /**
     * Checks the settings and builds the pipeline factory.
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    public MilterServer build() {
      if (handlers == null) {
        throw new IllegalArgumentException("a handler factory is needed");
      }
      if (stageTimeout == null || stageTimeout.isNegative() || stageTimeout.isZero()) {
        throw new IllegalArgumentException("stageTimeout must be positive, not " + stageTimeout);
      }
      if (maxFrameLength < 1 || maxFrameLength > MilterFrameDecoder.MAX_FRAME_LENGTH_LIMIT) {
        throw new IllegalArgumentException(
            "maxFrameLength must be 1.."
                + MilterFrameDecoder.MAX_FRAME_LENGTH_LIMIT
                + ", not "
                + maxFrameLength);
      }
      if (stats == null) {
        stats = new StatsRegistry().service("milter");
      }
      return new MilterServer(this);
    }
  }
}
