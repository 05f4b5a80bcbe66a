package org.postern.common.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BoundedExecutorTest {

  @Test
  void runsTasksOnNamedDaemonThreads() throws Exception {
    try (BoundedExecutor executor = BoundedExecutor.builder("signer").threads(2).build()) {
      Thread thread = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
      assertThat(thread.getName()).matches("signer-[12]");
      assertThat(thread.isDaemon()).isTrue();
    }
  }

  @Test
  void passesTheTaskExceptionThrough() {
    try (BoundedExecutor executor = BoundedExecutor.builder("disk").threads(1).build()) {
      CompletableFuture<String> failed =
          executor.submit(
              () -> {
                throw new IOException("disk full");
              });
      assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IOException.class)
          .hasRootCauseMessage("disk full");
    }
  }

  @Test
  void refusesAtOnceWhenTheQueueIsFull() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (BoundedExecutor executor =
        BoundedExecutor.builder("sieve").threads(1).queueCapacity(1).build()) {
      CompletableFuture<Integer> busy =
          executor.submit(
              () -> {
                running.countDown();
                release.await();
                return 1;
              });
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Integer> queued = executor.submit(() -> 2);
      assertThat(executor.saturated()).isTrue();

      CompletableFuture<Integer> refused = executor.submit(() -> 3);
      assertThat(refused).isCompletedExceptionally();
      assertThatThrownBy(refused::join).hasCauseInstanceOf(ExecutorSaturatedException.class);

      release.countDown();
      assertThat(busy.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(executor.saturated()).isFalse();
      assertThat(executor.submit(() -> 4).get(10, TimeUnit.SECONDS)).isEqualTo(4);
    }
  }

  @Test
  void shutdownFinishesQueuedWorkAndRefusesNewWork() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BoundedExecutor executor = BoundedExecutor.builder("index").threads(1).build();
    CompletableFuture<String> running =
        executor.submit(
            () -> {
              release.await();
              return "indexed";
            });
    CompletableFuture<Void> stopped = executor.shutdown();
    CompletableFuture<Integer> late = executor.submit(() -> 1);
    assertThat(late).isCompletedExceptionally();
    assertThatThrownBy(late::join)
        .cause()
        .isExactlyInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("index");
    assertThat(stopped).isNotDone();
    release.countDown();
    stopped.get(10, TimeUnit.SECONDS);
    assertThat(running).isCompletedWithValue("indexed");
  }

  @Test
  void closeInterruptsTasksStillRunningAfterTheTimeout() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    BoundedExecutor executor =
        BoundedExecutor.builder("stuck").threads(1).closeTimeout(Duration.ofMillis(100)).build();
    CompletableFuture<Void> stuck =
        executor.submit(
            () -> {
              running.countDown();
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
              return null;
            });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    executor.close();
    assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(interrupted).isTrue();
  }

  @Test
  void buildRejectsBadSettings() {
    assertThatThrownBy(() -> BoundedExecutor.builder("x").threads(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
    assertThatThrownBy(() -> BoundedExecutor.builder("x").queueCapacity(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queueCapacity");
    assertThatThrownBy(() -> BoundedExecutor.builder("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }
}
