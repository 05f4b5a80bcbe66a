package org.postern.milter.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.postern.common.address.ListenAddress;
import org.postern.common.transport.Transport;
import org.postern.milter.codec.MilterCommandEncoder;
import org.postern.milter.codec.MilterFrameDecoder;
import org.postern.milter.codec.MilterReplyDecoder;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.ProtocolFlag;

/**
 * Opens negotiated {@link MilterClient} connections to one milter address with one set of offers
 * and timeouts. Build it once with {@link #builder(ListenAddress)}; each {@link #connect()} is one
 * new connection (no pool).
 */
public final class MilterClientFactory implements AutoCloseable {
  private static final MilterCommandEncoder ENCODER = new MilterCommandEncoder();

  private final ListenAddress address;
  private final EventLoopGroup eventLoops;
  private final boolean ownsEventLoops;
  private final ClientSettings settings;
  private final Duration connectTimeout;

  private MilterClientFactory(Builder builder) {
    this.address = builder.address;
    this.ownsEventLoops = builder.eventLoops == null;
    this.eventLoops =
        ownsEventLoops
            ? new MultiThreadIoEventLoopGroup(
                1,
                new DefaultThreadFactory("milter-client", true),
                Transport.preferred().ioHandlerFactory())
            : builder.eventLoops;
    Map<ClientStep, Duration> timeouts = new EnumMap<>(ClientStep.class);
    for (ClientStep step : ClientStep.values()) {
      Duration fallback = step.isContent() ? builder.contentTimeout : builder.commandTimeout;
      timeouts.put(step, builder.stepTimeouts.getOrDefault(step, fallback));
    }
    this.settings =
        new ClientSettings(
            Action.toMask(builder.actions),
            ProtocolFlag.toMask(builder.protocolFlags),
            timeouts,
            builder.maxFrameLength);
    this.connectTimeout = builder.connectTimeout;
  }

  /** A builder for clients of the milter at {@code address}. */
  public static Builder builder(ListenAddress address) {
    return new Builder(address);
  }

  /** The milter's address. */
  public ListenAddress address() {
    return address;
  }

  /**
   * Connects and negotiates; completes with a client ready for {@link MilterClient#connect}, or
   * fails with a {@link MilterClientException}.
   */
  public CompletionStage<MilterClient> connect() {
    CompletableFuture<MilterClient> result = new CompletableFuture<>();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(eventLoops)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channel
                        .pipeline()
                        .addLast("decoder", new MilterReplyDecoder(settings.maxFrameLength()))
                        .addLast("encoder", ENCODER);
                  }
                });
    Transport transport = Transport.of(eventLoops);
    bootstrap.channel(transport.clientChannel(address));
    if (!(address instanceof ListenAddress.Unix)) {
      // Each command goes out in one flush; Nagle would hold it back for the delayed ACK.
      bootstrap.option(ChannelOption.TCP_NODELAY, true);
    }
    ChannelFuture connecting = bootstrap.connect(transport.socketAddress(address));
    connecting.addListener(
        done -> {
          if (!done.isSuccess()) {
            result.completeExceptionally(
                new MilterConnectionException(
                    "cannot connect to the milter at " + address + ": " + done.cause().getMessage(),
                    done.cause()));
            return;
          }
          MilterClient client = new MilterClient(connecting.channel(), address, settings);
          client
              .negotiate()
              .whenComplete(
                  (ignored, failure) -> {
                    if (failure == null) {
                      result.complete(client);
                    } else {
                      result.completeExceptionally(MilterClient.unwrap(failure));
                    }
                  });
        });
    return result;
  }

  /** Stops the event loop this factory created, if any; open clients are closed with it. */
  @Override
  public void close() {
    if (ownsEventLoops) {
      eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Offers, timeouts and limits for {@link MilterClientFactory}, checked at {@link #build()}. */
  public static final class Builder {
    private final ListenAddress address;
    private EventLoopGroup eventLoops;
    private Set<Action> actions = EnumSet.allOf(Action.class);
    private Set<ProtocolFlag> protocolFlags = EnumSet.allOf(ProtocolFlag.class);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration commandTimeout = Duration.ofSeconds(30);
    private Duration contentTimeout = Duration.ofSeconds(300);
    private final Map<ClientStep, Duration> stepTimeouts = new EnumMap<>(ClientStep.class);
    private int maxFrameLength = MilterFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

    private Builder(ListenAddress address) {
      this.address = address;
    }

    /** Runs connections on {@code group} instead of a one-thread group owned by the factory. */
    public Builder eventLoops(EventLoopGroup group) {
      this.eventLoops = group;
      return this;
    }

    /** The modifications the MTA allows the milter (default: all, with SETSYMLIST). */
    public Builder offeredActions(Set<Action> offered) {
      this.actions = EnumSet.noneOf(Action.class);
      this.actions.addAll(offered);
      return this;
    }

    /** The protocol bits the MTA offers: steps it may leave out, replies it may go without. */
    public Builder offeredProtocol(Set<ProtocolFlag> offered) {
      this.protocolFlags = EnumSet.noneOf(ProtocolFlag.class);
      this.protocolFlags.addAll(offered);
      return this;
    }

    /** How long connecting may take (Postfix's milter_connect_timeout, default 30 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * How long the milter may take to answer negotiation, CONNECT, HELO, MAIL, RCPT, DATA and
     * unknown commands (Postfix's milter_command_timeout, default 30 s).
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = timeout;
      return this;
    }

    /**
     * How long the milter may take to answer headers, body chunks and end of message; a PROGRESS
     * reply starts it anew (Postfix's milter_content_timeout, default 300 s).
     */
    public Builder contentTimeout(Duration timeout) {
      this.contentTimeout = timeout;
      return this;
    }

    /** Overrides the timeout of one step. */
    public Builder timeout(ClientStep step, Duration timeout) {
      stepTimeouts.put(Objects.requireNonNull(step, "step"), timeout);
      return this;
    }

    /** The longest reply frame accepted (default 1 MiB). */
    public Builder maxFrameLength(int bytes) {
      this.maxFrameLength = bytes;
      return this;
    }

    /**
     * Checks the settings and builds the factory.
     *
     * @throws IllegalStateException naming the first setting that is missing or out of range
     */
    public MilterClientFactory build() {
      check(address != null, "the milter address is missing");
      requirePositive("connect timeout", connectTimeout);
      check(
          connectTimeout == null || connectTimeout.toMillis() <= Integer.MAX_VALUE,
          "connect timeout is too long: " + connectTimeout);
      requirePositive("command timeout", commandTimeout);
      requirePositive("content timeout", contentTimeout);
      stepTimeouts.forEach((step, timeout) -> requirePositive(step + " timeout", timeout));
      check(
          maxFrameLength >= 1 && maxFrameLength <= MilterFrameDecoder.MAX_FRAME_LENGTH_LIMIT,
          "max frame length must be 1.."
              + MilterFrameDecoder.MAX_FRAME_LENGTH_LIMIT
              + ": "
              + maxFrameLength);
      return new MilterClientFactory(this);
    }

    private static void requirePositive(String name, Duration value) {
      check(value != null, name + " is missing");
      check(!value.isNegative() && !value.isZero(), name + " must be positive: " + value);
    }

    private static void check(boolean condition, String message) {
      if (!condition) {
        throw new IllegalStateException(message);
      }
    }
  }
}
