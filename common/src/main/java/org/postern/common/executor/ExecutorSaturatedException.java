package org.postern.common.executor;

import java.util.concurrent.RejectedExecutionException;

/** A bounded executor's queue is full; protocols answer this with a temporary failure. */
public final class ExecutorSaturatedException extends RejectedExecutionException {
  private static final long serialVersionUID = 1L;

  /** Names the executor and the queue capacity that was reached. */
  public ExecutorSaturatedException(String executorName, int queueCapacity) {
    super(executorName + " is saturated: " + queueCapacity + " tasks already queued");
  }
}
