package org.postern.milter.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.postern.milter.handler.MilterChain;
import org.postern.milter.handler.MilterHandler;

/**
 * Configured filters in order: {@link #get()} makes one connection's {@link MilterChain}; {@link
 * #close()} releases every filter's shared resources.
 */
public final class FilterChain implements Supplier<MilterHandler>, AutoCloseable {
  private final List<MilterFilter> filters;

  /** A chain of {@code filters}, called in this order. */
  public FilterChain(List<MilterFilter> filters) {
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("the milter needs at least one handler");
    }
    this.filters = List.copyOf(filters);
  }

  /** A new chain of handlers, one from each filter, for one milter connection. */
  @Override
  public MilterHandler get() {
    List<MilterHandler> handlers = new ArrayList<>(filters.size());
    filters.forEach(filter -> handlers.add(filter.newHandler()));
    return new MilterChain(handlers);
  }

  /** Closes every filter, the last first; the first failure is thrown after trying them all. */
  @Override
  public void close() {
    RuntimeException failure = closeAll(filters, null);
    if (failure != null) {
      throw failure;
    }
  }

  static RuntimeException closeAll(List<MilterFilter> filters, RuntimeException earlier) {
    RuntimeException failure = earlier;
    for (int i = filters.size() - 1; i >= 0; i--) {
      try {
        filters.get(i).close();
      } catch (Exception e) {
        RuntimeException wrapped =
            e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    return failure;
  }
}
