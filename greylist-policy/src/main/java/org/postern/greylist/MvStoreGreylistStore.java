package org.postern.greylist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The default store: H2's MVStore in one file. Writes are committed by MVStore's background thread
 * every {@value #AUTO_COMMIT_DELAY_MILLIS} ms, so a {@code kill -9} or power loss loses at most the
 * last second of learned triplets (those senders are greylisted once more); a clean close commits
 * everything.
 */
public final class MvStoreGreylistStore implements GreylistStore {
  /** The commit interval: the most state a crash can lose. */
  public static final int AUTO_COMMIT_DELAY_MILLIS = 1000;

  private final Path file;
  private final MVStore store;
  private final MVMap<String, String> triplets;
  private final MVMap<String, String> clients;
  // Where the incremental expiry sweep resumes; guarded by this.
  private String tripletSweep;
  private String clientSweep;

  private MvStoreGreylistStore(Path file, MVStore store) {
    this.file = file;
    this.store = store;
    this.triplets = store.openMap("triplets");
    this.clients = store.openMap("clients");
  }

  /**
   * Opens (or creates) the store file, creating its directory.
   *
   * @throws StoreUnavailableException when the file cannot be opened (locked, corrupt, no access)
   */
  public static MvStoreGreylistStore open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      MVStore store = new MVStore.Builder().fileName(file.toString()).open();
      store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MILLIS);
      return new MvStoreGreylistStore(file, store);
    } catch (IOException | MVStoreException e) {
      throw new StoreUnavailableException("cannot open greylist store " + file + ": " + e, e);
    }
  }

  @Override
  public Optional<TripletEntry> triplet(String key) {
    return guarded(() -> Optional.ofNullable(triplets.get(key)).map(TripletEntry::decode));
  }

  @Override
  public void putTriplet(String key, TripletEntry entry) {
    guarded(() -> triplets.put(key, entry.encode()));
  }

  @Override
  public Optional<ClientEntry> client(String network) {
    return guarded(() -> Optional.ofNullable(clients.get(network)).map(ClientEntry::decode));
  }

  @Override
  public void putClient(String network, ClientEntry entry) {
    guarded(() -> clients.put(network, entry.encode()));
  }

  @Override
  public synchronized int expire(long cutoff, int maxEntries) {
    return guarded(
        () -> {
          int half = Math.max(1, maxEntries / 2);
          int removed = 0;
          SweepResult tripletResult =
              sweep(
                  triplets,
                  tripletSweep,
                  half,
                  cutoff,
                  text -> TripletEntry.decode(text).lastSeen());
          tripletSweep = tripletResult.resumeAfter();
          removed += tripletResult.removed();
          SweepResult clientResult =
              sweep(
                  clients, clientSweep, half, cutoff, text -> ClientEntry.decode(text).lastSeen());
          clientSweep = clientResult.resumeAfter();
          removed += clientResult.removed();
          return removed;
        });
  }

  private record SweepResult(String resumeAfter, int removed) {}

  private static SweepResult sweep(
      MVMap<String, String> map,
      String from,
      int budget,
      long cutoff,
      ToLongFunction<String> lastSeen) {
    String start = null;
    if (from != null) {
      start = map.higherKey(from);
      if (start == null) {
        return new SweepResult(null, 0); // reached the end: start over next time
      }
    }
    Cursor<String, String> cursor = map.cursor(start);
    int removed = 0;
    int visited = 0;
    String last = null;
    while (visited < budget && cursor.hasNext()) {
      String key = cursor.next();
      String value = cursor.getValue();
      visited++;
      last = key;
      long seen;
      try {
        seen = lastSeen.applyAsLong(value);
      } catch (IllegalArgumentException unreadable) {
        seen = Long.MIN_VALUE; // an entry nobody can read is worth nothing
      }
      if (seen < cutoff) {
        map.remove(key);
        removed++;
      }
    }
    return new SweepResult(cursor.hasNext() ? last : null, removed);
  }

  @Override
  public String describe() {
    return "file:" + file;
  }

  /** Triplets stored now, for tests and stats. */
  public long tripletCount() {
    return triplets.sizeAsLong();
  }

  /** Commits and closes the file. */
  @Override
  public void close() {
    try {
      store.close();
    } catch (MVStoreException e) {
      throw new StoreUnavailableException("cannot close greylist store " + file + ": " + e, e);
    }
  }

  private <T> T guarded(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (MVStoreException | IllegalStateException e) {
      throw new StoreUnavailableException("greylist store " + file + " failed: " + e, e);
    }
  }
}
