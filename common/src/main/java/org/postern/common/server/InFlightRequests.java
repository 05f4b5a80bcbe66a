package org.postern.common.server;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests a connection is working on, so a graceful shutdown closes the connection only
 * once its replies are out. Protocol handlers call {@link #begin} when a request arrives and {@link
 * #end} after writing its reply; both are thread-safe and never block.
 */
public final class InFlightRequests {

  private static final AttributeKey<Counter> COUNTER =
      AttributeKey.valueOf(InFlightRequests.class, "counter");

  private InFlightRequests() {}

  /** Marks the start of a request on this connection. */
  public static void begin(Channel channel) {
    counter(channel).count.incrementAndGet();
  }

  /**
   * Marks the end of a request on this connection; call it after writing the reply. While the
   * server drains, the connection is closed (after pending writes) when the count reaches zero.
   *
   * @throws IllegalStateException if no request was in flight
   */
  public static void end(Channel channel) {
    Counter counter = counter(channel);
    int remaining = counter.count.getAndUpdate(value -> value > 0 ? value - 1 : value) - 1;
    if (remaining < 0) {
      throw new IllegalStateException("end() without begin() on " + channel);
    }
    if (remaining == 0 && counter.onIdle != null) {
      counter.runOnIdle();
    }
  }

  /** How many requests this connection is working on now. */
  public static int count(Channel channel) {
    return counter(channel).count.get();
  }

  /** Runs {@code onIdle} once, as soon as no request is in flight on the connection (maybe now). */
  static void whenIdle(Channel channel, Runnable onIdle) {
    Counter counter = counter(channel);
    counter.onIdle = onIdle;
    if (counter.count.get() == 0) {
      counter.runOnIdle();
    }
  }

  private static Counter counter(Channel channel) {
    Attribute<Counter> attribute = channel.attr(COUNTER);
    Counter counter = attribute.get();
    if (counter == null) {
      Counter fresh = new Counter();
      counter = attribute.setIfAbsent(fresh);
      if (counter == null) {
        counter = fresh;
      }
    }
    return counter;
  }

  /** The per-connection state; {@code onIdle} is set once draining starts. */
  private static final class Counter {
    final AtomicInteger count = new AtomicInteger();
    final AtomicBoolean ranOnIdle = new AtomicBoolean();
    volatile Runnable onIdle;

    // Both end() and whenIdle() may see the count at zero; only the first runs the action.
    void runOnIdle() {
      if (ranOnIdle.compareAndSet(false, true)) {
        onIdle.run();
      }
    }
  }
}
