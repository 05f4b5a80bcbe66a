package org.postern.greylist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default store: every entry in memory, made durable in one H2 MVStore file. Reads and writes
 * touch only concurrent in-memory maps, so they never block and may run on an event loop; a writer
 * thread copies the entries changed since its last run into MVStore and commits every {@link
 * #DEFAULT_COMMIT_INTERVAL}. A {@code kill -9} or power loss therefore loses at most the last
 * interval's changes (those senders are greylisted once more); a clean close commits everything.
 * MVStore itself is touched only by that thread, at open and at close, because a map read of a page
 * that is no longer cached reads the file.
 */
public final class MvStoreGreylistStore implements GreylistStore {
  private static final Logger log = LoggerFactory.getLogger(MvStoreGreylistStore.class);

  /** The default commit interval: the most state a crash can lose. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

  private final Path file;
  private final MVStore store;
  private final MVMap<String, String> storedTriplets;
  private final MVMap<String, String> storedClients;
  private final ConcurrentHashMap<String, TripletEntry> triplets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ClientEntry> clients = new ConcurrentHashMap<>();
  // Keys changed in memory since the writer last copied them (removed keys included).
  private final ChangedEntries<TripletEntry> changedTriplets = new ChangedEntries<>();
  private final ChangedEntries<ClientEntry> changedClients = new ChangedEntries<>();
  private final ScheduledExecutorService writer;
  // Set when a commit failed: the file no longer keeps up, so the store answers as unavailable.
  private volatile StoreUnavailableException failure;
  private boolean closed; // guarded by this
  // Where the incremental expiry sweeps resume; guarded by this.
  private Iterator<Map.Entry<String, TripletEntry>> tripletSweep;
  private Iterator<Map.Entry<String, ClientEntry>> clientSweep;

  private MvStoreGreylistStore(Path file, MVStore store, Duration commitInterval) {
    this.file = file;
    this.store = store;
    this.storedTriplets = store.openMap("triplets");
    this.storedClients = store.openMap("clients");
    load(storedTriplets, triplets, changedTriplets, TripletEntry::decode);
    load(storedClients, clients, changedClients, ClientEntry::decode);
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "greylist-commit");
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(1, commitInterval.toMillis());
    writer.scheduleWithFixedDelay(this::commitQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens (or creates) the store file with the default commit interval, creating its directory.
   *
   * @throws StoreUnavailableException when the file cannot be opened (locked, corrupt, no access)
   */
  public static MvStoreGreylistStore open(Path file) {
    return open(file, DEFAULT_COMMIT_INTERVAL);
  }

  /**
   * Opens (or creates) the store file, reading every entry into memory; changes are committed every
   * {@code commitInterval}.
   *
   * @throws StoreUnavailableException when the file cannot be opened (locked, corrupt, no access)
   */
  public static MvStoreGreylistStore open(Path file, Duration commitInterval) {
    MVStore store = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // MVStore's own background thread stays on for its housekeeping (compacting the file); its
      // commits find nothing the writer thread has not committed already.
      store = new MVStore.Builder().fileName(file.toString()).open();
      return new MvStoreGreylistStore(file, store, commitInterval);
    } catch (IOException | MVStoreException | IllegalStateException e) {
      if (store != null) {
        store.closeImmediately();
      }
      throw new StoreUnavailableException("cannot open greylist store " + file + ": " + e, e);
    }
  }

  // An entry nobody can read is worth nothing: it is dropped, and removed from the file.
  private static <T> void load(
      MVMap<String, String> stored,
      Map<String, T> memory,
      ChangedEntries<T> changed,
      Function<String, T> decode) {
    Cursor<String, String> cursor = stored.cursor(null);
    while (cursor.hasNext()) {
      String key = cursor.next();
      try {
        memory.put(key, decode.apply(cursor.getValue()));
      } catch (IllegalArgumentException unreadable) {
        changed.removed(key);
      }
    }
  }

  /** Always: every call is a lookup or update of an in-memory map. */
  @Override
  public boolean answersFromMemory() {
    return true;
  }

  @Override
  public Optional<TripletEntry> triplet(String key) {
    checkHealthy();
    return Optional.ofNullable(triplets.get(key));
  }

  @Override
  public void putTriplet(String key, TripletEntry entry) {
    checkHealthy();
    changedTriplets.put(triplets, key, entry);
  }

  @Override
  public Optional<ClientEntry> client(String network) {
    checkHealthy();
    return Optional.ofNullable(clients.get(network));
  }

  @Override
  public void putClient(String network, ClientEntry entry) {
    checkHealthy();
    changedClients.put(clients, network, entry);
  }

  @Override
  public synchronized int expire(long cutoff, int maxEntries) {
    checkHealthy();
    int half = Math.max(1, maxEntries / 2);
    if (tripletSweep == null || !tripletSweep.hasNext()) {
      tripletSweep = triplets.entrySet().iterator(); // reached the end: start over
    }
    if (clientSweep == null || !clientSweep.hasNext()) {
      clientSweep = clients.entrySet().iterator();
    }
    return sweep(tripletSweep, triplets, changedTriplets, half, cutoff, TripletEntry::lastSeen)
        + sweep(clientSweep, clients, changedClients, half, cutoff, ClientEntry::lastSeen);
  }

  private static <T> int sweep(
      Iterator<Map.Entry<String, T>> entries,
      ConcurrentHashMap<String, T> memory,
      ChangedEntries<T> changed,
      int budget,
      long cutoff,
      ToLongFunction<T> lastSeen) {
    int removed = 0;
    for (int visited = 0; visited < budget && entries.hasNext(); visited++) {
      Map.Entry<String, T> entry = entries.next();
      // Removed only if unchanged since read, so a request refreshing it meanwhile wins.
      if (lastSeen.applyAsLong(entry.getValue()) < cutoff
          && changed.remove(memory, entry.getKey(), entry.getValue())) {
        removed++;
      }
    }
    return removed;
  }

  /**
   * Copies the entries changed in memory into MVStore and commits them to the file; runs every
   * commit interval on the writer thread, and at close.
   *
   * @throws StoreUnavailableException when MVStore fails; the store then refuses further calls
   */
  public synchronized void commit() {
    checkHealthy();
    try {
      copyChanged(changedTriplets, storedTriplets, TripletEntry::encode);
      copyChanged(changedClients, storedClients, ClientEntry::encode);
      store.commit();
    } catch (MVStoreException | IllegalStateException e) {
      StoreUnavailableException failed =
          new StoreUnavailableException("greylist store " + file + " failed: " + e, e);
      failure = failed;
      throw failed;
    }
  }

  private void commitQuietly() {
    try {
      commit();
    } catch (StoreUnavailableException e) {
      log.error("greylist store not committed: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("greylist store not committed", e);
    }
  }

  // Each change carries the value it made, recorded in the order the map saw the changes, so the
  // last change of a key is what memory holds (or a later change, recorded for the next commit).
  // Keys go in sorted: consecutive puts then walk the same B-tree path, which is in the CPU's
  // cache, where random order costs a cache miss per level per key.
  private static <T> void copyChanged(
      ChangedEntries<T> changed, MVMap<String, String> stored, Function<T, String> encode) {
    for (ChangedEntries.Change<T> change : changed.takeSorted()) {
      if (change.value() == null) {
        stored.remove(change.key());
      } else {
        stored.put(change.key(), encode.apply(change.value()));
      }
    }
  }

  private void checkHealthy() {
    StoreUnavailableException failed = failure;
    if (failed != null) {
      throw new StoreUnavailableException(failed.getMessage(), failed);
    }
  }

  @Override
  public String describe() {
    return "file:" + file;
  }

  /** Triplets stored now, for tests and stats. */
  public long tripletCount() {
    return triplets.size();
  }

  /** Changes made in memory and not yet copied to MVStore, for tests. */
  synchronized int pendingChanges() {
    return changedTriplets.size() + changedClients.size();
  }

  /** Stops the writer and closes the file without writing anything, as a crash would. */
  synchronized void abandon() {
    writer.shutdownNow();
    closed = true;
    store.closeImmediately();
  }

  /** Stops the writer thread, then commits and closes the file; closing again does nothing. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("greylist writer thread still busy at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        commit();
        store.close();
      } catch (MVStoreException | IllegalStateException e) {
        store.closeImmediately();
        throw new StoreUnavailableException("cannot close greylist store " + file + ": " + e, e);
      } catch (StoreUnavailableException e) {
        store.closeImmediately();
        throw e;
      }
    }
  }
}
