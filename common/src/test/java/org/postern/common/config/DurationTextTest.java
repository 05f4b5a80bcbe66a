package org.postern.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @Test
  void parsesEachUnitAndBareSeconds() {
    assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationText.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationText.parse("35d")).isEqualTo(Duration.ofDays(35));
    assertThat(DurationText.parse("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationText.parse("15us")).isEqualTo(Duration.ofNanos(15_000));
    assertThat(DurationText.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(DurationText.parse(" 10 s ")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void formatsWithTheLargestExactUnit() {
    assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(DurationText.format(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationText.format(Duration.ofNanos(1001))).isEqualTo("1001ns");
    assertThatThrownBy(() -> DurationText.format(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "s",
        "-5s",
        "1.5s",
        "5 minutes",
        "5M",
        "10w",
        "1h30m",
        "999999999999999d"
      })
  void rejectsMalformedDurationsQuotingThem(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(InvalidDurationException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(DurationText.EXPECTED_FORM);
  }

  @Property
  void formatThenParseRoundTrips(@ForAll("durations") Duration duration) {
    assertThat(DurationText.parse(DurationText.format(duration))).isEqualTo(duration);
  }

  @Property
  void anyUnitAmountRoundTripsThroughFormat(
      @ForAll @LongRange(max = 1_000_000) long amount, @ForAll("units") String unit) {
    Duration parsed = DurationText.parse(amount + unit);
    assertThat(DurationText.parse(DurationText.format(parsed))).isEqualTo(parsed);
  }

  @Property
  void garbageEitherParsesOrFailsTyped(@ForAll String text) {
    try {
      Duration parsed = DurationText.parse(text);
      assertThat(parsed.isNegative()).isFalse();
    } catch (InvalidDurationException expected) {
      assertThat(expected).hasMessageContaining(DurationText.EXPECTED_FORM);
    }
  }

  @Property
  void textWithoutLeadingDigitIsRejected(@ForAll("noLeadingDigit") String text) {
    Assume.that(!text.isBlank() && !Character.isDigit(text.strip().charAt(0)));
    assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(InvalidDurationException.class);
  }

  @Provide
  Arbitrary<Duration> durations() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, Long.MAX_VALUE / 2).map(Duration::ofNanos),
        Arbitraries.longs().between(0, 100_000_000L).map(Duration::ofMillis),
        Arbitraries.longs().between(0, 10_000_000L).map(Duration::ofSeconds),
        Arbitraries.longs().between(0, 100_000L).map(Duration::ofDays));
  }

  @Provide
  Arbitrary<String> units() {
    return Arbitraries.of("", "ns", "us", "ms", "s", "m", "h", "d");
  }

  @Provide
  Arbitrary<String> noLeadingDigit() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(12);
  }
}
