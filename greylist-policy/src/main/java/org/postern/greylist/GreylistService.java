package org.postern.greylist;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.postern.common.executor.BoundedExecutor;
import org.postern.common.lifecycle.Service;
import org.postern.common.stats.ServiceStats;
import org.postern.policy.PolicyChannelInitializer;
import org.postern.policy.PolicyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greylisting assembled from {@link GreylistSettings}: the store (with its cache), the store
 * executor, the whitelists and a maintenance thread that expires old entries in small steps every
 * second and re-reads changed whitelist files. Serve {@link #channelInitializer()} with a {@code
 * DaemonServer}; {@link #shutdown()} stops the work and closes the store, committing it.
 */
public final class GreylistService implements Service, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GreylistService.class);

  /** Entries the expiry sweep looks at per step; a step runs every second. */
  static final int EXPIRY_BATCH = 1000;

  private static final Duration WHITELIST_CHECK_INTERVAL = Duration.ofSeconds(5);

  private final GreylistStore store;
  private final BoundedExecutor executor;
  private final Whitelists whitelists;
  private final GreylistPolicyHandler handler;
  private final ScheduledExecutorService maintenance;
  private final Clock clock;
  private final Duration maxAge;
  private CompletableFuture<Void> stopped;

  private GreylistService(
      GreylistSettings settings, Path dataDirectory, Clock clock, ServiceStats stats) {
    this.clock = clock;
    this.maxAge = settings.maxAge();
    this.whitelists =
        new Whitelists(
            settings.whitelistClients(),
            settings.whitelistRecipients(),
            settings.defaultClientWhitelist());
    GreylistStore opened = openStore(settings, dataDirectory);
    // A store answering from memory needs no cache in front of it.
    this.store =
        settings.cacheEntries() > 0 && !opened.answersFromMemory()
            ? new CachingGreylistStore(opened, settings.cacheEntries(), settings.cacheTtl())
            : opened;
    this.executor =
        BoundedExecutor.builder("greylist-store")
            .threads(settings.storeThreads())
            .queueCapacity(settings.storeQueue())
            .build();
    this.handler =
        new GreylistPolicyHandler(
            new Greylist(store, clock, settings.rules()),
            new TripletNormaliser(settings.ipv4Prefix(), settings.ipv6Prefix()),
            whitelists,
            executor,
            settings.storeFailure(),
            clock,
            stats);
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "greylist-maintenance");
              thread.setDaemon(true);
              return thread;
            });
    maintenance.scheduleWithFixedDelay(this::expireStep, 1, 1, TimeUnit.SECONDS);
    maintenance.scheduleWithFixedDelay(
        whitelists::reloadIfChanged,
        WHITELIST_CHECK_INTERVAL.toMillis(),
        WHITELIST_CHECK_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    log.info("greylist store {}", store.describe());
  }

  /**
   * Opens the store and starts the background work.
   *
   * @param dataDirectory where a relative {@code file:} store path is resolved
   * @throws StoreUnavailableException when the store file cannot be opened
   * @throws WhitelistSyntaxException when a whitelist file has a bad line
   */
  public static GreylistService start(
      GreylistSettings settings, Path dataDirectory, Clock clock, ServiceStats stats) {
    return new GreylistService(settings, dataDirectory, clock, stats);
  }

  private static GreylistStore openStore(GreylistSettings settings, Path dataDirectory) {
    StoreLocation location = settings.storeLocation();
    if (location instanceof StoreLocation.File file) {
      return MvStoreGreylistStore.open(dataDirectory.resolve(file.path()));
    }
    StoreLocation.Redis redis = (StoreLocation.Redis) location;
    return new RedisGreylistStore(redis.uri(), settings.maxAge(), settings.redisTimeout());
  }

  /** The policy handler deciding requests. */
  public PolicyHandler handler() {
    return handler;
  }

  /** A fresh pipeline initializer for a policy server using {@link #handler()}. */
  public PolicyChannelInitializer channelInitializer() {
    return new PolicyChannelInitializer(handler);
  }

  /** Where state is kept, for start-up messages. */
  public String storeDescription() {
    return store.describe();
  }

  private void expireStep() {
    try {
      long cutoff = clock.instant().getEpochSecond() - maxAge.toSeconds();
      int removed = store.expire(cutoff, EXPIRY_BATCH);
      if (removed > 0) {
        log.debug("greylist expiry removed {} entries", removed);
      }
    } catch (RuntimeException e) {
      log.warn("greylist expiry step failed: {}", e.getMessage());
    }
  }

  @Override
  public String serviceName() {
    return "greylist-store";
  }

  /** Stops maintenance, lets queued decisions finish, then commits and closes the store. */
  @Override
  public synchronized CompletableFuture<Void> shutdown() {
    if (stopped == null) {
      maintenance.shutdownNow();
      stopped =
          executor
              .shutdown()
              .whenComplete((ignored, error) -> closeStore())
              .thenApply(ignored -> null);
    }
    return stopped;
  }

  /** Shuts down and waits (up to the grace period). */
  public void close() {
    try {
      shutdown().get(shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.warn("greylist shutdown incomplete: {}", e.toString());
      closeStore();
    }
  }

  private synchronized void closeStore() {
    try {
      store.close();
    } catch (RuntimeException e) {
      log.warn("closing greylist store failed: {}", e.getMessage());
    }
  }
}
