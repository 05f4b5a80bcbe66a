package org.postern.dkim.milter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.postern.common.executor.BoundedExecutor;

/**
 * A {@link BoundedExecutor} as a plain {@link Executor} for {@code CompletableFuture} stages: a
 * full queue throws {@link RejectedExecutionException}, which completes the dependent stage
 * exceptionally, so the filter answers TEMPFAIL instead of waiting forever.
 */
final class CryptoExecutor implements Executor {
  private final BoundedExecutor pool;

  CryptoExecutor(BoundedExecutor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    CompletableFuture<Void> queued =
        pool.submit(
            () -> {
              task.run();
              return null;
            });
    if (queued.isCompletedExceptionally()) {
      try {
        queued.join();
      } catch (CompletionException e) {
        throw new RejectedExecutionException(e.getCause().getMessage(), e.getCause());
      }
    }
  }
}
