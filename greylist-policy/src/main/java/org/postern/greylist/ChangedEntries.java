package org.postern.greylist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory map's entries changed since the store's writer last took them, each change recorded
 * with its value (null for a removal) under the same lock as the map update, so the record's order
 * is the map's. The writer takes them all at once, sorted by key, the last change of each key only:
 * no lookup in the map (a cache miss per key on a map of millions) and no concurrent set, whose
 * nodes and resizing showed in profiles at tens of thousands of inserts a second.
 *
 * @param <T> the entry type
 */
final class ChangedEntries<T> {
  /** One change: the key's new value, or null when it was removed. */
  record Change<T>(String key, T value) {}

  private ArrayList<Change<T>> changes = new ArrayList<>();

  /** Puts {@code value} into {@code memory} and records the change. */
  synchronized void put(Map<String, T> memory, String key, T value) {
    memory.put(key, value);
    changes.add(new Change<>(key, value));
  }

  /**
   * Removes {@code key} from {@code memory} if it still maps to {@code value}; records it if so.
   */
  synchronized boolean remove(ConcurrentHashMap<String, T> memory, String key, T value) {
    if (!memory.remove(key, value)) {
      return false;
    }
    changes.add(new Change<>(key, null));
    return true;
  }

  /** Records the removal of a key that is not in memory (an unreadable stored entry). */
  synchronized void removed(String key) {
    changes.add(new Change<>(key, null));
  }

  /** Every change since the last call, sorted by key, the last one of each key only. */
  List<Change<T>> takeSorted() {
    ArrayList<Change<T>> taken;
    synchronized (this) {
      taken = changes;
      changes = new ArrayList<>(Math.max(16, taken.size()));
    }
    // A stable sort keeps the changes of one key in the order they were made.
    taken.sort(Comparator.comparing(Change::key));
    int distinct = 0;
    for (int i = 0; i < taken.size(); i++) {
      boolean lastOfItsKey =
          i + 1 == taken.size() || !taken.get(i + 1).key().equals(taken.get(i).key());
      if (lastOfItsKey) {
        taken.set(distinct++, taken.get(i));
      }
    }
    taken.subList(distinct, taken.size()).clear();
    return taken;
  }

  /** Changes recorded and not yet taken, repeats counted. */
  synchronized int size() {
    return changes.size();
  }
}
