package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.policy.PolicyAction;

class GreylistTest {
  private static final Triplet TRIPLET =
      new Triplet("192.0.2.0/24", "alice@example.org", "bob@example.net");

  @TempDir Path directory;
  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private MvStoreGreylistStore store;

  @BeforeEach
  void open() {
    store = MvStoreGreylistStore.open(directory.resolve("greylist.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Greylist greylist(int autoWhitelist, boolean prepend) {
    return new Greylist(
        store,
        clock,
        new GreylistRules(
            Duration.ofSeconds(300),
            Duration.ofDays(2),
            Duration.ofDays(35),
            autoWhitelist,
            prepend,
            "Greylisted"));
  }

  @Test
  void theFirstAttemptIsDeferredUntilTheDelayHasPassed() {
    Greylist greylist = greylist(5, false);

    assertThat(greylist.decide(TRIPLET, "i1").action())
        .isEqualTo("DEFER_IF_PERMIT 4.7.1 Greylisted, retry in 300 seconds");
    clock.advance(Duration.ofSeconds(120));
    assertThat(greylist.decide(TRIPLET, "i2").action())
        .isEqualTo("DEFER_IF_PERMIT 4.7.1 Greylisted, retry in 180 seconds");
    clock.advance(Duration.ofSeconds(180));
    assertThat(greylist.decide(TRIPLET, "i3")).isEqualTo(PolicyAction.dunno());
    clock.advance(Duration.ofDays(30));
    assertThat(greylist.decide(TRIPLET, "i4")).isEqualTo(PolicyAction.dunno());
  }

  @Test
  void otherTripletsAreGreylistedSeparately() {
    Greylist greylist = greylist(5, false);
    greylist.decide(TRIPLET, "i1");
    clock.advance(Duration.ofSeconds(400));

    Triplet otherRecipient = new Triplet("192.0.2.0/24", "alice@example.org", "carol@example.net");
    assertThat(greylist.decide(otherRecipient, "i2").action()).startsWith("DEFER_IF_PERMIT");
    assertThat(greylist.decide(TRIPLET, "i2")).isEqualTo(PolicyAction.dunno());
  }

  @Test
  void aRetryAfterTheRetryWindowStartsOver() {
    Greylist greylist = greylist(5, false);
    greylist.decide(TRIPLET, "i1");
    clock.advance(Duration.ofDays(2).plusSeconds(1));

    assertThat(greylist.decide(TRIPLET, "i2").action())
        .isEqualTo("DEFER_IF_PERMIT 4.7.1 Greylisted, retry in 300 seconds");
    clock.advance(Duration.ofSeconds(300));
    assertThat(greylist.decide(TRIPLET, "i3")).isEqualTo(PolicyAction.dunno());
  }

  @Test
  void learnedTripletsExpireAfterTheMaximumAge() {
    Greylist greylist = greylist(0, false);
    greylist.decide(TRIPLET, "i1");
    clock.advance(Duration.ofSeconds(300));
    assertThat(greylist.decide(TRIPLET, "i2")).isEqualTo(PolicyAction.dunno());

    clock.advance(Duration.ofDays(35).plusSeconds(1));
    assertThat(greylist.decide(TRIPLET, "i3").action()).startsWith("DEFER_IF_PERMIT");
  }

  @Test
  void theExpirySweepRemovesOldEntriesInSteps() {
    Greylist greylist = greylist(0, false);
    for (int i = 0; i < 10; i++) {
      greylist.decide(new Triplet("192.0.2.0/24", "s" + i + "x@example.org", "r@x.test"), "");
    }
    clock.advance(Duration.ofDays(20));
    greylist.decide(TRIPLET, "");
    clock.advance(Duration.ofDays(20));
    long cutoff = clock.instant().getEpochSecond() - Duration.ofDays(35).toSeconds();

    int removed = 0;
    for (int step = 0; step < 10; step++) {
      removed += store.expire(cutoff, 4);
    }

    assertThat(removed).isEqualTo(10);
    assertThat(store.tripletCount()).isEqualTo(1);
    assertThat(store.triplet(TRIPLET.key())).isPresent();
  }

  @Test
  void aNetworkIsAutoWhitelistedAfterFivePassesCountedHourly() {
    Greylist greylist = greylist(5, false);
    for (int pass = 1; pass <= 5; pass++) {
      Triplet triplet = new Triplet("192.0.2.0/24", "s" + pass + "x@example.org", "r@x.test");
      assertThat(greylist.decide(triplet, "")).isNotEqualTo(PolicyAction.dunno());
      clock.advance(Duration.ofSeconds(300));
      assertThat(greylist.decide(triplet, "")).isEqualTo(PolicyAction.dunno());
      // a second pass within the hour does not count
      Triplet sameHour = new Triplet("192.0.2.0/24", "t" + pass + "x@example.org", "r@x.test");
      greylist.decide(sameHour, "");
      clock.advance(Duration.ofSeconds(300));
      greylist.decide(sameHour, "");
      assertThat(store.client("192.0.2.0/24").orElseThrow().passes()).isEqualTo(pass);
      clock.advance(Duration.ofHours(1));
    }

    Triplet fresh = new Triplet("192.0.2.0/24", "new@example.org", "r@x.test");
    assertThat(greylist.decide(fresh, "")).isEqualTo(PolicyAction.dunno());
    Triplet otherNetwork = new Triplet("198.51.100.0/24", "new@example.org", "r@x.test");
    assertThat(greylist.decide(otherNetwork, "").action()).startsWith("DEFER_IF_PERMIT");
  }

  @Test
  void theHeaderIsPrependedOncePerMessageInstance() {
    Greylist greylist = greylist(0, true);
    Triplet second = new Triplet("192.0.2.0/24", "alice@example.org", "carol@example.net");
    greylist.decide(TRIPLET, "i1");
    greylist.decide(second, "i1");
    clock.advance(Duration.ofSeconds(310));

    assertThat(greylist.decide(TRIPLET, "i2").action())
        .startsWith("PREPEND X-Greylist: delayed 310 seconds by postern-greylist; ");
    assertThat(greylist.decide(second, "i2")).isEqualTo(PolicyAction.dunno());
    assertThat(greylist.decide(TRIPLET, "i3")).isEqualTo(PolicyAction.dunno());
  }

  @Test
  void stateSurvivesReopeningTheStore() {
    greylist(0, false).decide(TRIPLET, "i1");
    store.close();
    store = MvStoreGreylistStore.open(directory.resolve("greylist.db"));
    clock.advance(Duration.ofSeconds(300));

    assertThat(greylist(0, false).decide(TRIPLET, "i2")).isEqualTo(PolicyAction.dunno());
  }

  @Test
  void entriesEncodeAndDecode() {
    TripletEntry entry = new TripletEntry(1, 2, true);
    assertThat(TripletEntry.decode(entry.encode())).isEqualTo(entry);
    ClientEntry client = new ClientEntry(3, 4, 5);
    assertThat(ClientEntry.decode(client.encode())).isEqualTo(client);
  }
}
