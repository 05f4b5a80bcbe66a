package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachingGreylistStoreTest {

  /** A map-backed store counting reads, standing in for MVStore or Redis. */
  private static final class CountingStore extends MapGreylistStore {
    int reads;

    CountingStore() {
      super("counting");
    }

    @Override
    public Optional<TripletEntry> triplet(String key) {
      reads++;
      return super.triplet(key);
    }

    @Override
    public Optional<ClientEntry> client(String network) {
      reads++;
      return super.client(network);
    }
  }

  private final CountingStore delegate = new CountingStore();
  private final CachingGreylistStore cache =
      new CachingGreylistStore(delegate, 100, Duration.ofMinutes(1));

  @Test
  void aReadEntryIsServedFromMemoryAfterwards() {
    delegate.triplets.put("k", new TripletEntry(1, 1, false));
    assertThat(cache.triplet("k")).contains(new TripletEntry(1, 1, false));
    assertThat(cache.triplet("k")).contains(new TripletEntry(1, 1, false));
    assertThat(delegate.reads).isEqualTo(1);
  }

  @Test
  void aNewEntryIsWrittenThroughButNotCachedSoAnotherHostsUpdateIsSeen() {
    cache.putTriplet("k", new TripletEntry(1, 1, false));
    assertThat(delegate.triplets).containsEntry("k", new TripletEntry(1, 1, false));
    delegate.triplets.put("k", new TripletEntry(1, 400, true)); // another MX host let it pass
    assertThat(cache.triplet("k")).contains(new TripletEntry(1, 400, true));
    assertThat(delegate.reads).isEqualTo(1);
  }

  @Test
  void aWriteRefreshesACachedEntry() {
    delegate.clients.put("192.0.2.0/24", new ClientEntry(1, 1, 1));
    assertThat(cache.client("192.0.2.0/24")).contains(new ClientEntry(1, 1, 1));
    cache.putClient("192.0.2.0/24", new ClientEntry(2, 5, 5));
    assertThat(cache.client("192.0.2.0/24")).contains(new ClientEntry(2, 5, 5));
    assertThat(delegate.reads).isEqualTo(1);
    assertThat(delegate.clients).containsEntry("192.0.2.0/24", new ClientEntry(2, 5, 5));
  }

  @Test
  void anAbsentEntryIsNotCached() {
    assertThat(cache.triplet("k")).isEmpty();
    delegate.triplets.put("k", new TripletEntry(1, 1, false));
    assertThat(cache.triplet("k")).isPresent();
  }
}
