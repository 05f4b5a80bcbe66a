package org.postern.common.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postern.common.address.ListenAddress;
import org.postern.common.lifecycle.Service;
import org.postern.common.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty server every daemon uses: binds TCP and unix-socket addresses alike, runs the protocol
 * pipeline for each accepted connection, limits and idles out connections, and on shutdown lets
 * requests in flight finish within a grace period.
 */
public final class DaemonServer implements Service, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonServer.class);

  private final String serviceName;
  private final List<ListenAddress> addresses;
  private final ChannelInitializer<Channel> childHandler;
  private final Duration idleTimeout;
  private final Duration shutdownGrace;
  private final ConnectionLimit connectionLimit;
  private final IdleConnectionCloser idleCloser;
  private final boolean ownsEventLoops;
  private EventLoopGroup boss;
  private EventLoopGroup workers;

  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
  private final List<Channel> serverChannels = new ArrayList<>();
  private final List<ListenAddress> boundAddresses = new ArrayList<>();
  private volatile boolean draining;
  private boolean started;
  private CompletableFuture<Void> shutdownFuture;

  private DaemonServer(Builder builder) {
    this.serviceName = builder.serviceName;
    this.addresses = List.copyOf(builder.addresses);
    this.childHandler = builder.childHandler;
    this.idleTimeout = builder.idleTimeout;
    this.shutdownGrace = builder.shutdownGrace;
    this.connectionLimit = new ConnectionLimit(serviceName, builder.maxConnections);
    this.idleCloser = new IdleConnectionCloser(serviceName);
    this.ownsEventLoops = builder.boss == null;
    this.boss = builder.boss;
    this.workers = builder.workers;
  }

  /** Starts a builder; {@code serviceName} prefixes every log line, e.g. {@code greylist}. */
  public static Builder builder(String serviceName) {
    return new Builder(serviceName);
  }

  /**
   * Binds every address, blocking until done; call it from a plain thread, not an event loop.
   *
   * @throws ServerStartException naming the first address that could not be bound; the ones bound
   *     before it are closed again
   */
  public synchronized void start() throws ServerStartException {
    if (started || shutdownFuture != null) {
      throw new IllegalStateException(serviceName + " server was already started");
    }
    started = true;
    if (ownsEventLoops) {
      Transport transport = Transport.preferred();
      boss =
          new MultiThreadIoEventLoopGroup(
              1,
              new DefaultThreadFactory(serviceName + "-accept", true),
              transport.ioHandlerFactory());
      workers =
          new MultiThreadIoEventLoopGroup(
              0, new DefaultThreadFactory(serviceName + "-io", true), transport.ioHandlerFactory());
    }
    for (ListenAddress address : addresses) {
      try {
        bind(address);
      } catch (ServerStartException e) {
        draining = true;
        closeServerChannels();
        connections.forEach(Channel::close);
        throw e;
      }
    }
  }

  private void bind(ListenAddress address) throws ServerStartException {
    Transport transport = Transport.of(workers);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(transport.serverChannel(address))
            .childHandler(new AcceptedConnection());
    if (address instanceof ListenAddress.Unix unix) {
      UnixSocketFiles.prepare(unix);
    } else {
      bootstrap
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.TCP_NODELAY, true);
    }
    ChannelFuture bound = bootstrap.bind(transport.socketAddress(address)).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      Throwable cause = bound.cause();
      throw new ServerStartException(address, String.valueOf(cause.getMessage()), cause);
    }
    Channel channel = bound.channel();
    serverChannels.add(channel);
    if (address instanceof ListenAddress.Unix unix) {
      UnixSocketFiles.restrictMode(unix);
    }
    ListenAddress actual = actualAddress(address, channel);
    boundAddresses.add(actual);
    LOG.info("{} listening on {}", serviceName, actual);
  }

  // Port 0 asks the kernel for a port; report the one it chose.
  private static ListenAddress actualAddress(ListenAddress requested, Channel channel) {
    if (requested instanceof ListenAddress.Inet inet
        && channel.localAddress() instanceof InetSocketAddress local) {
      return new ListenAddress.Inet(inet.host(), local.getPort());
    }
    return requested;
  }

  private void closeServerChannels() {
    for (Channel channel : serverChannels) {
      channel.close().awaitUninterruptibly();
    }
    deleteSocketFiles();
  }

  // Netty deletes the file on close too; this covers a close that failed half-way.
  private void deleteSocketFiles() {
    for (ListenAddress address : boundAddresses) {
      if (address instanceof ListenAddress.Unix unix) {
        try {
          Files.deleteIfExists(unix.path());
        } catch (IOException e) {
          LOG.warn("{} cannot remove socket {}: {}", serviceName, unix.path(), e.toString());
        }
      }
    }
  }

  /** The addresses actually bound, with the kernel's port where port 0 was asked for. */
  public synchronized List<ListenAddress> boundAddresses() {
    return List.copyOf(boundAddresses);
  }

  /** How many accepted connections are open now. */
  public int activeConnections() {
    return connectionLimit.active();
  }

  @Override
  public String serviceName() {
    return serviceName;
  }

  @Override
  public Duration shutdownGrace() {
    return shutdownGrace;
  }

  /**
   * Stops accepting (unix socket files are removed), closes idle connections at once, closes the
   * others as their requests in flight end, and force-closes what is left at the grace deadline.
   * Does not block; event loops keep running until {@link #close()}.
   */
  @Override
  public synchronized CompletableFuture<Void> shutdown() {
    if (shutdownFuture != null) {
      return shutdownFuture;
    }
    shutdownFuture = new CompletableFuture<>();
    if (!started) {
      shutdownFuture.complete(null);
      return shutdownFuture;
    }
    draining = true;
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (Channel channel : serverChannels) {
      closing.add(completion(channel.close()));
    }
    List<Channel> open = List.copyOf(connections);
    for (Channel channel : open) {
      closing.add(completion(channel.closeFuture()));
      InFlightRequests.whenIdle(channel, () -> closeAfterPendingWrites(channel));
    }
    AtomicInteger forced = new AtomicInteger();
    Future<?> deadline = scheduleForceClose(open, forced);
    CompletableFuture<Void> result = shutdownFuture;
    CompletableFuture.allOf(closing.toArray(CompletableFuture<?>[]::new))
        .whenComplete(
            (ignored, error) -> {
              deadline.cancel(false);
              synchronized (this) {
                deleteSocketFiles();
              }
              LOG.info(
                  "{} stopped: {} connections closed, {} forced",
                  serviceName,
                  open.size(),
                  forced.get());
              result.complete(null);
            });
    return result;
  }

  private Future<?> scheduleForceClose(List<Channel> open, AtomicInteger forced) {
    try {
      return workers
          .next()
          .schedule(() -> forceClose(open, forced), shutdownGrace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stoppedLoops) {
      // Shared event loops already shut down: no grace can be given.
      forceClose(open, forced);
      return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }
  }

  private static void forceClose(List<Channel> open, AtomicInteger forced) {
    for (Channel channel : open) {
      if (channel.isOpen()) {
        forced.incrementAndGet();
        channel.close();
      }
    }
  }

  // An empty write completes after everything written before it, so replies are not cut off.
  private static void closeAfterPendingWrites(Channel channel) {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> channel.close());
  }

  private static CompletableFuture<Void> completion(ChannelFuture future) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    future.addListener(ignored -> done.complete(null));
    return done;
  }

  /** Shuts down and waits for it, then stops the event loops this server created. */
  @Override
  public void close() {
    shutdown().join();
    EventLoopGroup ownBoss;
    EventLoopGroup ownWorkers;
    synchronized (this) {
      if (!ownsEventLoops || boss == null) {
        return;
      }
      ownBoss = boss;
      ownWorkers = workers;
    }
    Future<?> bossDone = ownBoss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    Future<?> workersDone = ownWorkers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    bossDone.awaitUninterruptibly();
    workersDone.awaitUninterruptibly();
  }

  /** Sets up each accepted connection: limit, idle timeout, then the protocol pipeline. */
  private final class AcceptedConnection extends ChannelInitializer<Channel> {
    @Override
    protected void initChannel(Channel channel) {
      if (!connectionLimit.tryAcquire(channel)) {
        channel.close();
        return;
      }
      connections.add(channel);
      channel
          .closeFuture()
          .addListener(
              closed -> {
                connections.remove(channel);
                connectionLimit.release();
              });
      // shutdown() marks draining before listing connections: it lists this one or we see it.
      if (draining) {
        channel.close();
        return;
      }
      channel
          .pipeline()
          .addLast(
              "idle-timeout",
              new IdleStateHandler(0, 0, idleTimeout.toNanos(), TimeUnit.NANOSECONDS))
          .addLast("idle-close", idleCloser)
          .addLast("protocol", childHandler);
    }
  }

  /** Configures a {@link DaemonServer}; every setting is checked at {@link #build()}. */
  public static final class Builder {
    private final String serviceName;
    private List<ListenAddress> addresses = List.of();
    private ChannelInitializer<Channel> childHandler;
    private int maxConnections = 1000;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration shutdownGrace = Service.DEFAULT_SHUTDOWN_GRACE;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private boolean eventLoopsSet;

    private Builder(String serviceName) {
      this.serviceName = serviceName;
    }

    /** The addresses to listen on; at least one, no duplicates. */
    public Builder addresses(List<ListenAddress> addresses) {
      this.addresses = addresses;
      return this;
    }

    /** The protocol pipeline for each accepted connection, TCP or unix socket alike. */
    public Builder childHandler(ChannelInitializer<Channel> childHandler) {
      this.childHandler = childHandler;
      return this;
    }

    /** Connections open at once; more are closed on accept with a warning. Default 1000. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** A connection without reads or writes for this long is closed. Default 5 minutes. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** How long shutdown waits for requests in flight before forcing. Default 10 seconds. */
    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    /**
     * Shares event loops instead of creating its own (both of one {@link Transport}, which the
     * server's channels then use too); the server leaves them running on close.
     */
    public Builder eventLoops(EventLoopGroup boss, EventLoopGroup workers) {
      this.boss = boss;
      this.workers = workers;
      this.eventLoopsSet = true;
      return this;
    }

    /**
     * Checks the settings and builds the server, unstarted.
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    public DaemonServer build() {
      require(serviceName != null && !serviceName.isBlank(), "service name must not be blank");
      require(addresses != null && !addresses.isEmpty(), "at least one listen address is needed");
      require(addresses.stream().allMatch(Objects::nonNull), "listen addresses must not be null");
      require(
          new HashSet<>(addresses).size() == addresses.size(),
          "listen addresses must not repeat: " + addresses);
      require(childHandler != null, "a childHandler is needed");
      require(maxConnections > 0, "maxConnections must be positive, not " + maxConnections);
      require(
          idleTimeout != null && !idleTimeout.isNegative() && !idleTimeout.isZero(),
          "idleTimeout must be positive, not " + idleTimeout);
      require(
          shutdownGrace != null && !shutdownGrace.isNegative(),
          "shutdownGrace must not be negative, not " + shutdownGrace);
      require(
          !eventLoopsSet || (boss != null && workers != null),
          "eventLoops needs both a boss and a worker group");
      return new DaemonServer(this);
    }

    private static void require(boolean condition, String problem) {
      if (!condition) {
        throw new IllegalArgumentException(problem);
      }
    }
  }
}
