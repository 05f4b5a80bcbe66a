package org.postern.greylist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keys changed in memory since the store's writer last took them. Any thread appends (a key may be
 * listed more than once); the writer takes them all at once, sorted and without repeats. A list
 * under an uncontended lock costs a fraction of a concurrent set, whose nodes and resizing showed
 * in profiles at tens of thousands of inserts a second.
 */
final class ChangedKeys {
  private ArrayList<String> keys = new ArrayList<>();

  /** Marks {@code key} as changed. */
  synchronized void add(String key) {
    keys.add(key);
  }

  /** Every key marked since the last call, sorted, each once; the list starts empty again. */
  List<String> takeSorted() {
    ArrayList<String> taken;
    synchronized (this) {
      taken = keys;
      keys = new ArrayList<>(Math.max(16, taken.size()));
    }
    Collections.sort(taken);
    int distinct = 0;
    for (String key : taken) {
      if (distinct == 0 || !key.equals(taken.get(distinct - 1))) {
        taken.set(distinct++, key);
      }
    }
    taken.subList(distinct, taken.size()).clear();
    return taken;
  }

  /** Keys marked and not yet taken, repeats counted. */
  synchronized int size() {
    return keys.size();
  }
}
