package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ChangedKeysTest {

  @Property
  void takesEachMarkedKeyOnceInSortedOrder(
      @ForAll @Size(max = 50) List<@StringLength(max = 4) String> marked) {
    ChangedKeys changed = new ChangedKeys();
    marked.forEach(changed::add);

    List<String> taken = changed.takeSorted();

    assertThat(taken).isSorted().doesNotHaveDuplicates();
    assertThat(new HashSet<>(taken)).isEqualTo(new HashSet<>(marked));
    assertThat(changed.size()).isZero();
    assertThat(changed.takeSorted()).isEmpty();
  }

  @Test
  void keysMarkedWhileTakingAreKeptForTheNextTake() throws Exception {
    ChangedKeys changed = new ChangedKeys();
    int perThread = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      Thread writer =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                for (int i = 0; i < perThread; i++) {
                  changed.add(thread + ":" + i);
                }
              });
      writer.start();
      writers.add(writer);
    }
    Set<String> seen = new HashSet<>();
    start.countDown();
    while (writers.stream().anyMatch(Thread::isAlive)) {
      seen.addAll(changed.takeSorted());
    }
    for (Thread writer : writers) {
      writer.join();
    }
    seen.addAll(changed.takeSorted());

    assertThat(seen).hasSize(2 * perThread);
  }
}
