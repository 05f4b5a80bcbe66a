package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChangedEntriesTest {

  @Property
  void takesTheLastChangeOfEachKeyInKeyOrder(
      @ForAll @Size(max = 60) List<@IntRange(max = 9) Integer> keys,
      @ForAll @Size(max = 60) List<Boolean> removals) {
    ConcurrentHashMap<String, Integer> memory = new ConcurrentHashMap<>();
    ChangedEntries<Integer> changed = new ChangedEntries<>();
    Map<String, Integer> lastChange = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = "k" + keys.get(i);
      Integer current = memory.get(key);
      if (i < removals.size() && removals.get(i) && current != null) {
        assertThat(changed.remove(memory, key, current)).isTrue();
        lastChange.put(key, null);
      } else {
        changed.put(memory, key, i);
        lastChange.put(key, i);
      }
    }

    List<ChangedEntries.Change<Integer>> taken = changed.takeSorted();

    assertThat(taken).extracting(ChangedEntries.Change::key).isSorted().doesNotHaveDuplicates();
    Map<String, Integer> written = new HashMap<>();
    taken.forEach(change -> written.put(change.key(), change.value()));
    assertThat(written).isEqualTo(lastChange);
    // What the writer stores is what memory holds.
    lastChange.forEach((key, value) -> assertThat(memory.get(key)).isEqualTo(value));
    assertThat(changed.size()).isZero();
    assertThat(changed.takeSorted()).isEmpty();
  }

  @Test
  void aRemovalOfAnEntryChangedMeanwhileIsNeitherDoneNorRecorded() {
    ConcurrentHashMap<String, Integer> memory = new ConcurrentHashMap<>();
    ChangedEntries<Integer> changed = new ChangedEntries<>();
    changed.put(memory, "k", 1);
    changed.put(memory, "k", 2);

    assertThat(changed.remove(memory, "k", 1)).isFalse();

    assertThat(memory).containsEntry("k", 2);
    assertThat(changed.takeSorted()).containsExactly(new ChangedEntries.Change<>("k", 2));
  }

  @Test
  void changesMadeWhileTakingAreKeptForTheNextTake() throws Exception {
    ConcurrentHashMap<String, Integer> memory = new ConcurrentHashMap<>();
    ChangedEntries<Integer> changed = new ChangedEntries<>();
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
                  changed.put(memory, thread + ":" + i, i);
                }
              });
      writer.start();
      writers.add(writer);
    }
    Map<String, Integer> seen = new HashMap<>();
    start.countDown();
    while (writers.stream().anyMatch(Thread::isAlive)) {
      changed.takeSorted().forEach(change -> seen.put(change.key(), change.value()));
    }
    for (Thread writer : writers) {
      writer.join();
    }
    changed.takeSorted().forEach(change -> seen.put(change.key(), change.value()));

    assertThat(seen).isEqualTo(memory).hasSize(2 * perThread);
  }
}
