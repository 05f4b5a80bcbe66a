package org.postern.common.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started services of one process, stopped together: on SIGTERM/SIGINT through {@link
 * #installShutdownHook()}, or on request through {@link #shutdown()}. Services stop in parallel,
 * each waited for up to its grace (plus a margin).
 */
public final class ServiceGroup implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceGroup.class);

  /** Extra wait beyond a service's grace, for its forced close to complete. */
  static final Duration GRACE_MARGIN = Duration.ofSeconds(1);

  private final List<Service> services = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private boolean shutdownStarted;
  private boolean hookInstalled;

  /** Creates an empty group. */
  public ServiceGroup() {}

  /**
   * Adds a started service and returns it, for chaining.
   *
   * @throws IllegalStateException if the group is already shutting down
   */
  public synchronized <S extends Service> S add(S service) {
    if (shutdownStarted) {
      throw new IllegalStateException(
          "cannot add " + service.serviceName() + ": the group is shutting down");
    }
    services.add(service);
    return service;
  }

  /** Stops every service when the JVM is asked to exit (SIGTERM, SIGINT); call it once. */
  public synchronized void installShutdownHook() {
    if (hookInstalled) {
      throw new IllegalStateException("the shutdown hook is already installed");
    }
    Runtime.getRuntime().addShutdownHook(newShutdownHook());
    hookInstalled = true;
  }

  /** The hook thread: stops everything and holds JVM exit until done or past the longest grace. */
  Thread newShutdownHook() {
    return new Thread(this::shutdownAndWait, "postern-shutdown");
  }

  private void shutdownAndWait() {
    CompletableFuture<Void> done = shutdown();
    Duration longest =
        services.stream()
            .map(Service::shutdownGrace)
            .max(Duration::compareTo)
            .orElse(Duration.ZERO);
    try {
      done.get(longest.plus(GRACE_MARGIN).plus(GRACE_MARGIN).toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("services did not all stop before exit: {}", e.toString());
    }
  }

  /**
   * Stops all services in parallel; the future completes when each has stopped or overrun its
   * grace. Calling it again returns the same future.
   */
  public CompletableFuture<Void> shutdown() {
    List<Service> toStop;
    synchronized (this) {
      if (shutdownStarted) {
        return stopped;
      }
      shutdownStarted = true;
      toStop = List.copyOf(services);
    }
    List<CompletableFuture<Void>> each = new ArrayList<>();
    for (Service service : toStop) {
      each.add(stop(service));
    }
    CompletableFuture.allOf(each.toArray(CompletableFuture<?>[]::new))
        .whenComplete((ignored, error) -> stopped.complete(null));
    return stopped;
  }

  // Never fails: an error or overrun is logged, so one bad service does not hide the others.
  private static CompletableFuture<Void> stop(Service service) {
    String name = service.serviceName();
    Duration grace = service.shutdownGrace();
    CompletableFuture<Void> stopping;
    try {
      // A copy, so our timeout does not complete the service's own future.
      stopping = service.shutdown().copy();
    } catch (RuntimeException e) {
      stopping = CompletableFuture.failedFuture(e);
    }
    return stopping
        .orTimeout(grace.plus(GRACE_MARGIN).toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (ignored, error) -> {
              if (error == null) {
                LOG.info("{} stopped", name);
              } else if (unwrap(error) instanceof TimeoutException) {
                LOG.warn("{} did not stop within its grace of {}", name, grace);
              } else {
                LOG.warn("{} failed to stop: {}", name, unwrap(error).toString());
              }
              return null;
            });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** Blocks until {@link #shutdown()} (from anywhere, e.g. the shutdown hook) has completed. */
  public void awaitShutdown() throws InterruptedException {
    try {
      stopped.get();
    } catch (ExecutionException e) {
      // stopped is only ever completed normally
      throw new IllegalStateException(e);
    }
  }

  /** Shuts everything down and waits for it. */
  @Override
  public void close() {
    shutdown().join();
  }
}
