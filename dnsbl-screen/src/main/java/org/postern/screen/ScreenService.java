package org.postern.screen;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postern.common.lifecycle.Service;
import org.postern.common.stats.ServiceStats;
import org.postern.policy.PolicyChannelInitializer;
import org.postern.policy.PolicyHandler;
import org.postern.screen.access.AccessList;
import org.postern.screen.dns.CachingResolver;
import org.postern.screen.dns.DnsblResolver;
import org.postern.screen.dns.InFlightLimitedResolver;
import org.postern.screen.dns.UdpDnsResolver;
import org.postern.screen.dnsbl.DnsblScreen;
import org.postern.screen.dnsbl.RefusedQueryLog;
import org.postern.screen.pass.EmbeddedPassCache;
import org.postern.screen.pass.PassCache;
import org.postern.screen.pass.RedisPassCache;
import org.postern.screen.policy.ScreenPolicyHandler;
import org.postern.screen.proxy.ProxyPasses;
import org.postern.screen.proxy.ScreenProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNSBL screen assembled from {@link ScreenSettings}: UDP resolver behind a TTL-bounded cache,
 * the access list, the pass cache (embedded or Redis) and the policy handler. Serve {@link
 * #channelInitializer()} with a {@code DaemonServer} and pass that server to {@link #closeAfter}.
 */
public final class ScreenService implements Service {
  private static final Logger log = LoggerFactory.getLogger(ScreenService.class);

  /** How often a refusing DNSBL is logged again. */
  static final Duration REFUSAL_LOG_INTERVAL = Duration.ofMinutes(10);

  /** DNS queries waiting for a slot beyond which lookups fail at once (a backlog of seconds). */
  static final int MAX_QUEUED_QUERIES = 65_536;

  private final ScreenPolicyHandler handler;
  private final PassCache passCache;
  private final DnsblScreen screen;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile Service server;

  private ScreenService(ScreenPolicyHandler handler, PassCache passCache, DnsblScreen screen) {
    this.handler = handler;
    this.passCache = passCache;
    this.screen = screen;
  }

  /**
   * Reads the access list and builds the screen.
   *
   * @throws IOException when the access list cannot be read
   * @throws org.postern.screen.access.AccessListSyntaxException naming a bad line
   */
  public static ScreenService start(ScreenSettings settings, Clock clock, ServiceStats stats)
      throws IOException {
    AccessList accessList = accessList(settings);
    DnsblScreen screen = dnsblScreen(settings, clock, stats);
    PassCache passCache = passCache(settings, "dnsbl");
    return new ScreenService(
        new ScreenPolicyHandler(
            accessList, passCache, screen, settings.dnsblAction(), settings.ttlBounds(), stats),
        passCache,
        screen);
  }

  /**
   * The pass cache for one {@code kind} of test: Redis when {@code pass-cache} names it, else in
   * memory ({@code cache-entries} 0: none).
   */
  static PassCache passCache(ScreenSettings settings, String kind) {
    if (settings.redisPassCache()) {
      return new RedisPassCache(settings.passCache(), kind, settings.redisTimeout());
    }
    if (settings.cacheEntries() == 0) {
      return PassCache.none();
    }
    return new EmbeddedPassCache(settings.cacheEntries(), Ticker.systemTicker());
  }

  /**
   * Builds the SMTP front proxy from the same settings: access list, DNSBL screen and embedded pass
   * caches. Serve its {@link ScreenProxy#channelInitializer()} on {@code proxy-listen}.
   *
   * @throws IOException when the access list cannot be read
   * @throws org.postern.screen.access.AccessListSyntaxException naming a bad line
   */
  public static ScreenProxy proxy(ScreenSettings settings, Clock clock, ServiceStats stats)
      throws IOException {
    ProxyPasses passes =
        new ProxyPasses(
            passCache(settings, "dnsbl"),
            passCache(settings, "greet"),
            passCache(settings, "deep"));
    return new ScreenProxy(
        settings, accessList(settings), passes, dnsblScreen(settings, clock, stats), stats);
  }

  private static AccessList accessList(ScreenSettings settings) throws IOException {
    return settings.accessList() == null
        ? AccessList.empty()
        : AccessList.load(settings.accessList());
  }

  private static DnsblScreen dnsblScreen(ScreenSettings settings, Clock clock, ServiceStats stats) {
    UdpDnsResolver udp = UdpDnsResolver.create(settings.resolvers(), settings.dnsblTimeout());
    DnsblResolver dns =
        new InFlightLimitedResolver(
            udp,
            settings.dnsMaxInFlight(),
            MAX_QUEUED_QUERIES,
            settings.dnsblTimeout(),
            System::nanoTime);
    DnsblResolver cached =
        settings.cacheEntries() == 0
            ? dns
            : new CachingResolver(
                dns, settings.cacheEntries(), settings.ttlBounds(), Ticker.systemTicker());
    DnsblScreen screen =
        new DnsblScreen(
            settings.sites(),
            cached,
            settings.dnsblTimeout(),
            settings.rules(),
            new RefusedQueryLog(clock, REFUSAL_LOG_INTERVAL),
            stats);
    if (screen.sites().isEmpty()) {
      log.warn("no dnsbl-sites configured: the screen applies only its access list");
    } else {
      log.info("screening with {}", screen.sites());
    }
    return screen;
  }

  /** The policy handler deciding requests. */
  public PolicyHandler handler() {
    return handler;
  }

  /** A pipeline initializer for a policy server using {@link #handler()}. */
  public PolicyChannelInitializer channelInitializer() {
    return new PolicyChannelInitializer(handler);
  }

  @Override
  public String serviceName() {
    return "screen";
  }

  /**
   * Makes {@link #shutdown()} wait for {@code server}, the server answering with {@link
   * #handler()}, to finish its requests in flight before the resolver and pass cache close.
   */
  public void closeAfter(Service server) {
    this.server = server;
  }

  /** A grace covering the server's: the resolver closes only after the server has drained. */
  @Override
  public Duration shutdownGrace() {
    Service drained = server;
    return drained == null ? Service.super.shutdownGrace() : drained.shutdownGrace();
  }

  /**
   * Shuts down the server given to {@link #closeAfter} (if any) and, once it has drained, closes
   * the DNS resolver (its sockets and thread) and the pass cache's Redis connection.
   */
  @Override
  public CompletableFuture<Void> shutdown() {
    if (stopping.compareAndSet(false, true)) {
      Service drained = server;
      CompletableFuture<Void> requestsDone =
          drained == null ? CompletableFuture.completedFuture(null) : drained.shutdown();
      requestsDone.whenComplete(
          (ignored, error) -> {
            try {
              screen.close();
              passCache.close();
            } finally {
              stopped.complete(null);
            }
          });
    }
    return stopped;
  }
}
