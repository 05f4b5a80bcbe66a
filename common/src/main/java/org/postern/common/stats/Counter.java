package org.postern.common.stats;

import java.util.concurrent.atomic.LongAdder;

/** A monotonic event count; {@link LongAdder} keeps increments cheap under contention. */
public final class Counter {
  private final LongAdder count = new LongAdder();

  Counter() {}

  /** Counts one event. */
  public void increment() {
    count.increment();
  }

  /** Counts {@code events} events at once; counters never go down. */
  public void add(long events) {
    if (events < 0) {
      throw new IllegalArgumentException("counters only go up, got " + events);
    }
    count.add(events);
  }

  /** The current total. */
  public long value() {
    return count.sum();
  }
}
