package org.postern.common.lifecycle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A started service that can be stopped gracefully, so a {@link ServiceGroup} can stop it. */
public interface Service {

  /** The grace a service gets when nothing else is said. */
  Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /** The name used in log lines, e.g. {@code greylist}. */
  String serviceName();

  /**
   * Starts stopping without blocking; the future completes once the service has stopped. Calling it
   * again returns the same future.
   */
  CompletableFuture<Void> shutdown();

  /** How long {@link #shutdown()} may take before callers stop waiting for it. */
  default Duration shutdownGrace() {
    return DEFAULT_SHUTDOWN_GRACE;
  }
}
