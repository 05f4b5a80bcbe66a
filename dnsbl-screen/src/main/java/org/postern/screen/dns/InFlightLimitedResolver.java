package org.postern.screen.dns;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Sends at most {@code limit} queries of another {@link DnsblResolver} at once; further lookups
 * wait in a queue and are sent as answers arrive. A burst of thousands of UDP queries overflows the
 * DNS server's socket receive buffer (the kernel drops them, {@code UdpRcvbufErrors}) and every
 * dropped query waits for its full timeout; a bounded window keeps the server's queue short. A
 * lookup that waited longer than {@code maxWait} fails with {@link DnsTimeoutException} unsent, and
 * so does one arriving when {@code maxQueued} already wait.
 */
public final class InFlightLimitedResolver implements DnsblResolver {
  private final DnsblResolver delegate;
  private final int limit;
  private final int maxQueued;
  private final long maxWaitNanos;
  private final LongSupplier nanoTime;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();
  private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();

  private record Waiting(String name, long since, CompletableFuture<DnsAnswer> answer) {}

  /**
   * At most {@code limit} queries of {@code delegate} at once, {@code maxQueued} waiting, none
   * waiting longer than {@code maxWait} by {@code nanoTime} ({@code System::nanoTime} but in
   * tests).
   */
  public InFlightLimitedResolver(
      DnsblResolver delegate, int limit, int maxQueued, Duration maxWait, LongSupplier nanoTime) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.delegate = delegate;
    this.limit = limit;
    this.maxQueued = maxQueued;
    this.maxWaitNanos = maxWait.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public CompletableFuture<DnsAnswer> lookup(String name) {
    if (waiting.isEmpty() && acquire()) {
      return send(name);
    }
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      return CompletableFuture.failedFuture(
          new DnsTimeoutException(name + ": " + maxQueued + " queries already waiting"));
    }
    Waiting entry = new Waiting(name, nanoTime.getAsLong(), new CompletableFuture<>());
    waiting.add(entry);
    // A query may have finished between the failed acquire and the add: nobody else would drain.
    drain();
    return entry.answer();
  }

  /** Closes the resolver queries are sent to: waiting lookups then fail as they are sent. */
  @Override
  public void close() {
    delegate.close();
  }

  /** Queries sent and not answered yet (for stats and tests). */
  public int inFlight() {
    return inFlight.get();
  }

  private boolean acquire() {
    while (true) {
      int now = inFlight.get();
      if (now >= limit) {
        return false;
      }
      if (inFlight.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  // Holds one slot: released when the delegate's answer (or failure) arrives.
  private CompletableFuture<DnsAnswer> send(String name) {
    CompletableFuture<DnsAnswer> answer;
    try {
      answer = delegate.lookup(name);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete(
        (result, error) -> {
          inFlight.decrementAndGet();
          drain();
        });
    return answer;
  }

  private void drain() {
    while (!waiting.isEmpty() && acquire()) {
      Waiting next = waiting.poll();
      if (next == null) {
        inFlight.decrementAndGet();
        continue;
      }
      queued.decrementAndGet();
      if (nanoTime.getAsLong() - next.since() > maxWaitNanos) {
        inFlight.decrementAndGet();
        next.answer()
            .completeExceptionally(
                new DnsTimeoutException(next.name() + ": timed out waiting to be sent"));
        continue;
      }
      send(next.name())
          .whenComplete(
              (result, error) -> {
                if (error == null) {
                  next.answer().complete(result);
                } else {
                  next.answer().completeExceptionally(error);
                }
              });
    }
  }
}
