package org.postern.greylist;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.postern.policy.PolicyAction;

/**
 * The greylisting decision for one triplet, postgrey's rules with an injected clock: the first
 * attempt is deferred; a retry after the delay and within the retry window passes and is learned;
 * entries unseen for the maximum age are forgotten; a client network that passed often enough is
 * whitelisted automatically. Each read-modify-write of a store entry holds that entry's lock, so
 * simultaneous requests for one triplet (or one client network) are decided one after the other:
 * only the first retry after the delay counts as a pass. The locks are per process; hosts sharing
 * Redis can still race. It blocks as long as the store does (see {@link #answersFromMemory()}).
 */
public final class Greylist {
  /** Auto-whitelist passes of one client network are counted at most this often. */
  static final long PASS_COUNT_INTERVAL_SECONDS = 3600;

  /** Learned entries' last-seen time is refreshed at most this often, to spare writes. */
  static final long REFRESH_INTERVAL_SECONDS = 3600;

  private static final DateTimeFormatter HEADER_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final GreylistStore store;
  private final Clock clock;
  private final GreylistRules rules;
  private final KeyLocks locks = new KeyLocks(1024);
  // Message instances that already got an X-Greylist header, so it is added once per message.
  private final Cache<String, Boolean> prependedInstances =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();

  /** Decides with {@code rules}, remembering in {@code store}, reading time from {@code clock}. */
  public Greylist(GreylistStore store, Clock clock, GreylistRules rules) {
    this.store = store;
    this.clock = clock;
    this.rules = rules;
  }

  /** Whether {@link #decide} never waits for I/O (its store answers from memory). */
  public boolean answersFromMemory() {
    return store.answersFromMemory();
  }

  /**
   * The action for {@code triplet} in message {@code instance}.
   *
   * @throws StoreUnavailableException when the store cannot answer
   */
  public PolicyAction decide(Triplet triplet, String instance) {
    long now = clock.instant().getEpochSecond();
    if (autoWhitelisted(triplet.clientNetwork(), now)) {
      return PolicyAction.dunno();
    }
    String key = triplet.key();
    long waited;
    synchronized (locks.lockFor(key)) {
      Optional<TripletEntry> found = store.triplet(key);
      if (found.isEmpty() || stale(found.get(), now)) {
        store.putTriplet(key, new TripletEntry(now, now, false));
        return defer(rules.delay().toSeconds());
      }
      TripletEntry entry = found.get();
      waited = now - entry.firstSeen();
      if (entry.passed()) {
        if (now - entry.lastSeen() >= REFRESH_INTERVAL_SECONDS) {
          store.putTriplet(key, new TripletEntry(entry.firstSeen(), now, true));
        }
        return PolicyAction.dunno();
      }
      if (waited < rules.delay().toSeconds()) {
        store.putTriplet(key, new TripletEntry(entry.firstSeen(), now, false));
        return defer(rules.delay().toSeconds() - waited);
      }
      store.putTriplet(key, new TripletEntry(entry.firstSeen(), now, true));
    }
    // This request is the triplet's one pass after the delay.
    countPass(triplet.clientNetwork(), now);
    if (rules.prependHeader()
        && !instance.isEmpty()
        && prependedInstances.asMap().putIfAbsent(instance, Boolean.TRUE) == null) {
      return PolicyAction.prepend(
          "X-Greylist: delayed "
              + waited
              + " seconds by postern-greylist; "
              + HEADER_DATE.format(clock.instant()));
    }
    return PolicyAction.dunno();
  }

  // Forgotten (unseen for max-age), or never retried within the retry window: start over.
  private boolean stale(TripletEntry entry, long now) {
    if (now - entry.lastSeen() > rules.maxAge().toSeconds()) {
      return true;
    }
    return !entry.passed() && now - entry.firstSeen() > rules.retryWindow().toSeconds();
  }

  private boolean autoWhitelisted(String network, long now) {
    if (rules.autoWhitelistClients() <= 0) {
      return false;
    }
    Optional<ClientEntry> client = store.client(network);
    if (client.isEmpty()
        || client.get().passes() < rules.autoWhitelistClients()
        || now - client.get().lastSeen() > rules.maxAge().toSeconds()) {
      return false;
    }
    if (now - client.get().lastSeen() >= REFRESH_INTERVAL_SECONDS) {
      synchronized (locks.lockFor(network)) {
        // Read again under the lock: a pass counted meanwhile must not be overwritten.
        store
            .client(network)
            .ifPresent(
                entry ->
                    store.putClient(
                        network, new ClientEntry(entry.passes(), entry.lastCounted(), now)));
      }
    }
    return true;
  }

  private void countPass(String network, long now) {
    if (rules.autoWhitelistClients() <= 0) {
      return;
    }
    synchronized (locks.lockFor(network)) {
      countPassLocked(network, now);
    }
  }

  private void countPassLocked(String network, long now) {
    Optional<ClientEntry> found = store.client(network);
    ClientEntry entry =
        found.filter(e -> now - e.lastSeen() <= rules.maxAge().toSeconds()).orElse(null);
    if (entry == null) {
      store.putClient(network, new ClientEntry(1, now, now));
    } else if (now - entry.lastCounted() >= PASS_COUNT_INTERVAL_SECONDS) {
      store.putClient(network, new ClientEntry(entry.passes() + 1, now, now));
    } else {
      store.putClient(network, new ClientEntry(entry.passes(), entry.lastCounted(), now));
    }
  }

  private PolicyAction defer(long seconds) {
    return PolicyAction.deferIfPermit(
        "4.7.1 " + rules.greylistText() + ", retry in " + Math.max(1, seconds) + " seconds");
  }
}
