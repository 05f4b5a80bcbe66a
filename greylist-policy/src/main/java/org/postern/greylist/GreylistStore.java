package org.postern.greylist;

import java.util.Optional;

/**
 * Where greylisting state lives. Calls may block (disk, network) unless {@link
 * #answersFromMemory()} says otherwise; blocking stores run on a bounded executor, never on an
 * event loop. A store that cannot answer throws {@link StoreUnavailableException}, which the policy
 * answers per its fail mode.
 */
public interface GreylistStore extends AutoCloseable {

  /**
   * Whether every call answers from memory without waiting for I/O, so that decisions may run on
   * the event loop that read the request instead of crossing to the store executor and back.
   */
  default boolean answersFromMemory() {
    return false;
  }

  /** The entry of the triplet with {@code key}, if any. */
  Optional<TripletEntry> triplet(String key);

  /** Stores the triplet's entry, replacing any previous one. */
  void putTriplet(String key, TripletEntry entry);

  /** The auto-whitelist entry of a client network, if any. */
  Optional<ClientEntry> client(String network);

  /** Stores a client network's auto-whitelist entry. */
  void putClient(String network, ClientEntry entry);

  /**
   * Removes up to {@code maxEntries} entries last seen before {@code cutoff} (epoch seconds),
   * continuing where the previous call stopped, so expiry is a steady trickle rather than a nightly
   * scan. Stores whose entries expire by themselves (Redis TTLs) return 0.
   *
   * @return how many entries were removed
   */
  int expire(long cutoff, int maxEntries);

  /** A short description for log lines, like {@code file:/var/lib/postern/greylist.db}. */
  String describe();

  /** Flushes and releases the store. */
  @Override
  void close();
}
