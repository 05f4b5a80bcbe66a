package org.postern.screen.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postern.common.address.ListenAddress;
import org.postern.common.lifecycle.Service;
import org.postern.common.stats.Counter;
import org.postern.common.stats.ServiceStats;
import org.postern.common.transport.Transport;
import org.postern.screen.ScreenSettings;
import org.postern.screen.access.AccessList;
import org.postern.screen.dns.TtlBounds;
import org.postern.screen.dnsbl.DnsblScreen;

/**
 * The SMTP front proxy shared by all its connections: settings, access list, pass caches, DNSBL
 * screen, connection limits and the way to reach smtpd. Serve {@link #channelInitializer()} with a
 * {@code DaemonServer} on port 25.
 */
public final class ScreenProxy implements Service {
  /** How long connecting to smtpd may take before the client gets a 421. */
  static final Duration SMTPD_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How often shutdown checks whether the last client has gone. */
  static final Duration DRAIN_POLL = Duration.ofMillis(100);

  private final ScreenSettings settings;
  private final AccessList accessList;
  private final ProxyPasses passes;
  private final DnsblScreen screen;
  private final ServiceStats stats;
  private final ConnectionLimiter limiter;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Bootstrap smtpdBootstrap;
  private final ListenAddress smtpdAddress;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final AtomicBoolean stopping = new AtomicBoolean();

  /** A proxy for {@code settings} deciding with these parts. */
  public ScreenProxy(
      ScreenSettings settings,
      AccessList accessList,
      ProxyPasses passes,
      DnsblScreen screen,
      ServiceStats stats) {
    this.settings = settings;
    this.accessList = accessList;
    this.passes = passes;
    this.screen = screen;
    this.stats = stats;
    this.limiter =
        new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerClient());
    this.smtpdBootstrap = smtpdBootstrap(settings.smtpd());
    // A host name stays unresolved if it does not resolve now; the connect then resolves it.
    this.smtpdAddress = settings.smtpd();
  }

  /** A pipeline initializer giving each accepted connection its own proxy session. */
  public ChannelInitializer<Channel> channelInitializer() {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel channel) {
        channel.pipeline().addLast("screen-proxy", new ProxySession(ScreenProxy.this));
      }
    };
  }

  /** Client connections counted by the limits now; 0 when every connection has closed. */
  public int activeConnections() {
    return limiter.active();
  }

  /**
   * Connections the server should accept before refusing silently: above the proxy's own limit, so
   * that overload is answered with {@code 421} by the proxy rather than a bare close.
   */
  public int acceptLimit() {
    return settings.maxConnections() + Math.max(16, settings.maxConnections() / 10);
  }

  ScreenSettings settings() {
    return settings;
  }

  AccessList accessList() {
    return accessList;
  }

  ProxyPasses passes() {
    return passes;
  }

  DnsblScreen screen() {
    return screen;
  }

  ConnectionLimiter limiter() {
    return limiter;
  }

  TtlBounds dnsblPassTtl() {
    return settings.ttlBounds();
  }

  boolean deepTestsEnabled() {
    return settings.pipeliningEnable()
        || settings.nonSmtpCommandEnable()
        || settings.bareNewlineEnable();
  }

  // Counters by outcome, resolved once: a name built and looked up per connection showed in
  // profiles of the policy flavour.
  void count(String outcome) {
    Counter counter = counters.get(outcome);
    if (counter == null) {
      counter =
          counters.computeIfAbsent(
              outcome, name -> stats.counter("proxy." + name.toLowerCase(Locale.ROOT)));
    }
    counter.increment();
  }

  @Override
  public String serviceName() {
    return "screen-proxy-caches";
  }

  /**
   * Closes the DNS resolver (sockets and thread) and the pass caches (Redis connections) once every
   * client connection has closed (the server drains them: sessions in their tests finish, spliced
   * ones run until its grace) or after {@link #shutdownGrace()}, whichever comes first. The first
   * look is one poll later, once the server has stopped accepting.
   */
  @Override
  public CompletableFuture<Void> shutdown() {
    if (stopping.compareAndSet(false, true)) {
      long deadline = System.nanoTime() + shutdownGrace().minusSeconds(1).toNanos();
      pollDrained(deadline);
    }
    return stopped;
  }

  private void pollDrained(long deadline) {
    CompletableFuture.delayedExecutor(DRAIN_POLL.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> closeWhenDrained(deadline));
  }

  private void closeWhenDrained(long deadline) {
    if (limiter.active() == 0 || System.nanoTime() - deadline >= 0) {
      try {
        screen.close();
        passes.dnsbl().close();
        passes.greet().close();
        passes.deep().close();
      } finally {
        stopped.complete(null);
      }
      return;
    }
    pollDrained(deadline);
  }

  /** Connects to smtpd on the client's event loop, so both channels share one thread. */
  ChannelFuture connectSmtpd(Channel client, ChannelHandler handler) {
    Transport transport = Transport.of(client.eventLoop());
    return smtpdBootstrap
        .clone(client.eventLoop())
        .channel(transport.clientChannel(smtpdAddress))
        .handler(handler)
        .connect(transport.socketAddress(smtpdAddress));
  }

  // Built once: options, channel type and address are the same for every handoff.
  private static Bootstrap smtpdBootstrap(ListenAddress smtpd) {
    Bootstrap bootstrap =
        new Bootstrap()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) SMTPD_CONNECT_TIMEOUT.toMillis());
    if (!(smtpd instanceof ListenAddress.Unix)) {
      bootstrap.option(ChannelOption.TCP_NODELAY, true);
    }
    return bootstrap;
  }
}
