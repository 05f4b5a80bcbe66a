package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postern.policy.PolicyAction;

class GreylistConcurrencyTest {
  private static final Triplet TRIPLET =
      new Triplet("192.0.2.0/24", "alice@example.org", "bob@example.net");
  private static final int THREADS = 4;

  /**
   * A map store whose triplet reads, once read, wait (up to 2 s) until {@value #THREADS} readers
   * have read, so that without a lock every request reads the entry before any of them writes it.
   */
  private static final class MeetingStore extends MapGreylistStore {
    volatile CyclicBarrier readers;

    MeetingStore() {
      super("meeting");
    }

    @Override
    public Optional<TripletEntry> triplet(String key) {
      Optional<TripletEntry> entry = super.triplet(key);
      CyclicBarrier barrier = readers;
      if (barrier != null) {
        try {
          barrier.await(2, TimeUnit.SECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
          // Readers did not all meet (they are serialised): go on alone.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return entry;
    }
  }

  private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void simultaneousRetriesOfOneTripletPassItOnlyOnce() throws Exception {
    MeetingStore store = new MeetingStore();
    MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    Greylist greylist =
        new Greylist(
            store,
            clock,
            new GreylistRules(
                Duration.ofSeconds(300),
                Duration.ofDays(2),
                Duration.ofDays(35),
                5,
                true,
                "Greylisted"));
    greylist.decide(TRIPLET, "first");
    clock.advance(Duration.ofSeconds(301));
    warmUp(greylist);
    store.readers = new CyclicBarrier(THREADS);

    List<Future<PolicyAction>> answers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      String instance = "retry" + i; // each its own message, so each could get the header
      answers.add(threads.submit(() -> greylist.decide(TRIPLET, instance)));
    }
    List<String> actions = new ArrayList<>();
    for (Future<PolicyAction> answer : answers) {
      actions.add(answer.get(10, TimeUnit.SECONDS).action());
    }

    assertThat(actions.stream().filter(action -> action.startsWith("PREPEND X-Greylist")))
        .hasSize(1);
    assertThat(actions.stream().filter(action -> action.equals("DUNNO"))).hasSize(THREADS - 1);
    assertThat(store.triplets.get(TRIPLET.key()).passed()).isTrue();
    assertThat(store.clients.get("192.0.2.0/24").passes()).isEqualTo(1);
  }

  // Starts every pool thread and runs the decision code once in each, so that none of them is
  // still starting when the others already wait for it.
  private void warmUp(Greylist greylist) throws Exception {
    CyclicBarrier started = new CyclicBarrier(THREADS);
    List<Future<PolicyAction>> warmUps = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Triplet other = new Triplet("198.51.100.0/24", "warm" + i + "x@example.org", "r@x.test");
      warmUps.add(
          threads.submit(
              () -> {
                started.await(10, TimeUnit.SECONDS);
                return greylist.decide(other, "");
              }));
    }
    for (Future<PolicyAction> warmUp : warmUps) {
      warmUp.get(10, TimeUnit.SECONDS);
    }
  }
}
