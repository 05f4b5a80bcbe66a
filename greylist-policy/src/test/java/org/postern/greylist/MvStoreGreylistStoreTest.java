package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreGreylistStoreTest {
  private static final TripletEntry ENTRY = new TripletEntry(100, 100, false);

  @TempDir Path directory;

  private Path file() {
    return directory.resolve("greylist.db");
  }

  // A commit interval tests never reach, so only explicit commits write.
  private MvStoreGreylistStore openWithoutWriter() {
    return MvStoreGreylistStore.open(file(), Duration.ofHours(1));
  }

  @Test
  void answersFromMemory() {
    try (MvStoreGreylistStore store = openWithoutWriter()) {
      assertThat(store.answersFromMemory()).isTrue();
    }
  }

  @Test
  void aCrashKeepsWhatWasCommittedAndLosesWhatWasNot() {
    MvStoreGreylistStore store = openWithoutWriter();
    store.putTriplet("committed", ENTRY);
    store.putClient("192.0.2.0/24", new ClientEntry(1, 2, 3));
    store.commit();
    store.putTriplet("uncommitted", ENTRY);
    store.abandon();

    try (MvStoreGreylistStore reopened = openWithoutWriter()) {
      assertThat(reopened.triplet("committed")).contains(ENTRY);
      assertThat(reopened.client("192.0.2.0/24")).contains(new ClientEntry(1, 2, 3));
      assertThat(reopened.triplet("uncommitted")).isEmpty();
    }
  }

  @Test
  void theWriterThreadCommitsChangesByItself() throws InterruptedException {
    MvStoreGreylistStore store = MvStoreGreylistStore.open(file(), Duration.ofMillis(20));
    store.putTriplet("k", ENTRY);
    for (int i = 0; i < 500 && store.pendingChanges() > 0; i++) {
      Thread.sleep(10);
    }
    store.abandon();

    try (MvStoreGreylistStore reopened = openWithoutWriter()) {
      assertThat(reopened.triplet("k")).contains(ENTRY);
    }
  }

  @Test
  void aCleanCloseCommitsEverything() {
    MvStoreGreylistStore store = openWithoutWriter();
    store.putTriplet("k", ENTRY);
    store.close();
    store.close(); // a second close does nothing

    try (MvStoreGreylistStore reopened = openWithoutWriter()) {
      assertThat(reopened.triplet("k")).contains(ENTRY);
      assertThat(reopened.tripletCount()).isEqualTo(1);
    }
  }

  @Test
  void expiredEntriesAreRemovedFromTheFileToo() {
    try (MvStoreGreylistStore store = openWithoutWriter()) {
      store.putTriplet("old", new TripletEntry(10, 10, true));
      store.putTriplet("new", new TripletEntry(10, 500, true));
      store.putClient("old-network", new ClientEntry(1, 10, 10));
      assertThat(store.expire(100, 10)).isEqualTo(2);
    }

    try (MvStoreGreylistStore reopened = openWithoutWriter()) {
      assertThat(reopened.triplet("old")).isEmpty();
      assertThat(reopened.client("old-network")).isEmpty();
      assertThat(reopened.triplet("new")).isPresent();
    }
  }

  @Test
  void anEntryRefreshedDuringTheSweepIsKept() {
    try (MvStoreGreylistStore store = openWithoutWriter()) {
      store.putTriplet("a", new TripletEntry(10, 10, true));
      store.putTriplet("b", new TripletEntry(10, 10, true));
      assertThat(store.expire(100, 2)).isEqualTo(1); // one triplet per step
      // whichever is left is refreshed before the sweep reaches it
      String left = store.triplet("a").isPresent() ? "a" : "b";
      store.putTriplet(left, new TripletEntry(10, 200, true));
      assertThat(store.expire(100, 2)).isZero();
      assertThat(store.triplet(left)).isPresent();
    }
  }
}
