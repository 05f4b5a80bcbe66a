package org.postern.common.server;

import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts open connections against a maximum and warns, at most every few seconds, on refusals. */
final class ConnectionLimit {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonServer.class);
  private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String serviceName;
  private final int maximum;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong refusedSinceWarning = new AtomicLong();
  private final AtomicLong nextWarningNanos = new AtomicLong(System.nanoTime());

  ConnectionLimit(String serviceName, int maximum) {
    this.serviceName = serviceName;
    this.maximum = maximum;
  }

  /** Takes a slot for a new connection; false (and a possible warning) when all are taken. */
  boolean tryAcquire(Channel channel) {
    int now = active.incrementAndGet();
    if (now <= maximum) {
      return true;
    }
    active.decrementAndGet();
    warnRefused(channel);
    return false;
  }

  /** Frees the slot of a closed connection. */
  void release() {
    active.decrementAndGet();
  }

  int active() {
    return active.get();
  }

  // A flood of refused connections must not flood the log too: one line per interval.
  private void warnRefused(Channel channel) {
    long refused = refusedSinceWarning.incrementAndGet();
    long now = System.nanoTime();
    long next = nextWarningNanos.get();
    if (now - next >= 0 && nextWarningNanos.compareAndSet(next, now + WARN_INTERVAL_NANOS)) {
      refusedSinceWarning.addAndGet(-refused);
      LOG.warn(
          "{} refused connection from {}: {} connections open (max-connections); {} refused since"
              + " last warning",
          serviceName,
          channel.remoteAddress(),
          maximum,
          refused);
    }
  }
}
