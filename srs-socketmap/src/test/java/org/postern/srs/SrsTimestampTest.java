package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrsTimestampTest {
  @Test
  void theVectorDayIsSlot854Written2W() {
    SrsTimestamp timestamp = SrsTimestamp.at(SrsFixtures.VECTOR_TIME);
    assertThat(timestamp.day()).isEqualTo(854);
    assertThat(timestamp).hasToString("2W");
  }

  @Property
  void everySlotRoundTripsInEitherCase(@ForAll @IntRange(max = 1023) int day) throws Exception {
    SrsTimestamp timestamp = new SrsTimestamp(day);
    assertThat(timestamp.toString()).hasSize(2).matches("[A-Z2-7]{2}");
    assertThat(SrsTimestamp.parse(timestamp.toString())).isEqualTo(timestamp);
    assertThat(SrsTimestamp.parse(timestamp.toString().toLowerCase())).isEqualTo(timestamp);
  }

  @Property
  void ageCountsWholeDaysModulo1024(
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSecond,
      @ForAll @IntRange(max = 1023) int days) {
    Instant then = Instant.ofEpochSecond(epochSecond);
    SrsTimestamp timestamp = SrsTimestamp.at(then);
    assertThat(timestamp.ageInDays(then.plus(Duration.ofDays(days)))).isEqualTo(days);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "AAA", "A1", "0A", "A=", "ıA", "ÀA"})
  void refusesAnythingButTwoBase32Characters(String text) {
    assertThatThrownBy(() -> SrsTimestamp.parse(text))
        .isInstanceOf(InvalidSrsAddressException.class);
  }
}
