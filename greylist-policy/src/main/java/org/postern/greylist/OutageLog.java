package org.postern.greylist;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs store outages at most once a minute with how many requests were answered by the fail mode
 * since the last line, so an outage neither floods the log nor goes unnoticed.
 */
final class OutageLog {
  private static final Logger log = LoggerFactory.getLogger(OutageLog.class);
  private static final long INTERVAL_MILLIS = 60_000;

  private final Clock clock;
  private final FailMode failMode;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong saturated = new AtomicLong();
  private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

  OutageLog(Clock clock, FailMode failMode) {
    this.clock = clock;
    this.failMode = failMode;
  }

  /** Counts one request the store could not decide; logs when a minute has passed. */
  void record(Throwable cause, boolean queueFull) {
    (queueFull ? saturated : failures).incrementAndGet();
    long now = clock.millis();
    long previous = lastLogged.get();
    if (previous != Long.MIN_VALUE && now - previous < INTERVAL_MILLIS) {
      return;
    }
    if (!lastLogged.compareAndSet(previous, now)) {
      return; // another thread logs this minute
    }
    log.warn(
        "greylist store unavailable, answering {}: {} store failures, {} with the queue full"
            + " since the last report; latest: {}",
        failMode,
        failures.getAndSet(0),
        saturated.getAndSet(0),
        cause.getMessage());
  }
}
