package org.postern.common.executor;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postern.common.lifecycle.Service;

/**
 * A fixed number of daemon threads named {@code <name>-N} behind a bounded queue. {@link #submit}
 * never blocks: when the queue is full it returns a future already failed with {@link
 * ExecutorSaturatedException}, so a protocol can answer a temporary failure. Safe to call from
 * Netty event loops.
 */
public final class BoundedExecutor implements Service, AutoCloseable {

  private final String name;
  private final int queueCapacity;
  private final Duration closeTimeout;
  private final ArrayBlockingQueue<Runnable> queue;
  private final ThreadPoolExecutor pool;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private BoundedExecutor(Builder builder) {
    this.name = builder.name;
    this.queueCapacity = builder.queueCapacity;
    this.closeTimeout = builder.closeTimeout;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.pool =
        new ThreadPoolExecutor(
            builder.threads,
            builder.threads,
            0,
            TimeUnit.MILLISECONDS,
            queue,
            new NamedDaemonThreads(name),
            new ThreadPoolExecutor.AbortPolicy()) {
          @Override
          protected void terminated() {
            BoundedExecutor.this.terminated.complete(null);
          }
        };
  }

  /** Starts a builder; {@code name} names the threads and appears in saturation errors. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Runs the task on a pool thread; the future carries its result or exception. Never blocks. When
   * the queue is full the future is already failed with {@link ExecutorSaturatedException}; after
   * {@link #shutdown()} it is failed with a plain {@link RejectedExecutionException}.
   */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable run =
        () -> {
          // A caller that gave up (cancelled) does not need the work done.
          if (result.isDone()) {
            return;
          }
          try {
            result.complete(task.call());
          } catch (Exception e) {
            result.completeExceptionally(e);
          } catch (Error e) {
            result.completeExceptionally(e);
            throw e;
          }
        };
    try {
      pool.execute(run);
    } catch (RejectedExecutionException rejected) {
      if (pool.isShutdown()) {
        result.completeExceptionally(new RejectedExecutionException(name + " is shut down"));
      } else {
        result.completeExceptionally(new ExecutorSaturatedException(name, queueCapacity));
      }
    }
    return result;
  }

  /** True while the queue is full, i.e. the next submit would be refused. */
  public boolean saturated() {
    return queue.remainingCapacity() == 0;
  }

  /** Tasks waiting for a thread, for stats. */
  public int queuedTasks() {
    return queue.size();
  }

  @Override
  public String serviceName() {
    return name;
  }

  @Override
  public Duration shutdownGrace() {
    return closeTimeout;
  }

  /** Stops accepting tasks; the future completes when queued and running tasks have finished. */
  @Override
  public CompletableFuture<Void> shutdown() {
    pool.shutdown();
    return terminated;
  }

  /**
   * Stops accepting, waits up to the close timeout for queued and running tasks, then interrupts
   * what is still running.
   */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(closeTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Configures a {@link BoundedExecutor}; every setting is checked at {@link #build()}. */
  public static final class Builder {
    private final String name;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int queueCapacity = 1000;
    private Duration closeTimeout = Service.DEFAULT_SHUTDOWN_GRACE;

    private Builder(String name) {
      this.name = name;
    }

    /** Worker threads; default the number of processors. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Tasks that may wait for a thread before submits are refused; default 1000. */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** How long {@link BoundedExecutor#close()} waits for tasks; default 10 seconds. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
      return this;
    }

    /**
     * Checks the settings and starts the executor (threads start on first use).
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    public BoundedExecutor build() {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("executor name must not be blank");
      }
      if (threads <= 0) {
        throw new IllegalArgumentException("threads must be positive, not " + threads);
      }
      if (queueCapacity <= 0) {
        throw new IllegalArgumentException("queueCapacity must be positive, not " + queueCapacity);
      }
      if (closeTimeout == null || closeTimeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must not be negative: " + closeTimeout);
      }
      return new BoundedExecutor(this);
    }
  }

  /** Daemon threads named {@code <name>-1}, {@code <name>-2}, ... so they never hold up exit. */
  private static final class NamedDaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);

    NamedDaemonThreads(String name) {
      this.prefix = name + "-";
    }

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, prefix + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    }
  }
}
