package org.postern.milter.filter;

import org.postern.milter.handler.MilterHandler;

/**
 * A configured filter: makes the handler of each milter connection and owns what they share (key
 * rings, caches, worker threads) until {@link #close()}.
 */
public interface MilterFilter extends AutoCloseable {

  /** A fresh handler for one milter connection. */
  MilterHandler newHandler();

  /** Releases shared resources; handlers made before must not be used afterwards. */
  @Override
  default void close() {}
}
