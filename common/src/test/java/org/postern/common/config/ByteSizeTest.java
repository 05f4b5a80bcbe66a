package org.postern.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

  @Test
  void parsesDecimalAndBinaryUnits() {
    assertThat(ByteSize.parse("10000").bytes()).isEqualTo(10_000);
    assertThat(ByteSize.parse("1k").bytes()).isEqualTo(1_000);
    assertThat(ByteSize.parse("1kB").bytes()).isEqualTo(1_000);
    assertThat(ByteSize.parse("64KiB").bytes()).isEqualTo(65_536);
    assertThat(ByteSize.parse("1MiB").bytes()).isEqualTo(1_048_576);
    assertThat(ByteSize.parse("2M").bytes()).isEqualTo(2_000_000);
    assertThat(ByteSize.parse("3GiB").bytes()).isEqualTo(3L << 30);
    assertThat(ByteSize.parse("5 GB").bytes()).isEqualTo(5_000_000_000L);
    assertThat(ByteSize.parse("12B").bytes()).isEqualTo(12);
  }

  @Test
  void formatsWithTheLargestExactUnit() {
    assertThat(ByteSize.ofBytes(0)).hasToString("0");
    assertThat(ByteSize.ofBytes(65_536)).hasToString("64KiB");
    assertThat(ByteSize.ofBytes(1_000)).hasToString("1kB");
    assertThat(ByteSize.ofBytes(3L << 30)).hasToString("3GiB");
    assertThat(ByteSize.ofBytes(1_234)).hasToString("1234");
  }

  @Test
  void intConversionRefusesWhatDoesNotFit() {
    assertThat(ByteSize.parse("8KiB").toIntBytes()).isEqualTo(8192);
    assertThatThrownBy(() -> ByteSize.parse("4GiB").toIntBytes())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ByteSize.ofBytes(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "KiB", "-1", "1.5MiB", "1TB", "10 bytes", "1 k b", "99999999999GiB", "0x10"})
  void rejectsMalformedSizesQuotingThem(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(InvalidByteSizeException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(ByteSize.EXPECTED_FORM);
  }

  @Property
  void toStringThenParseRoundTrips(@ForAll @LongRange(max = Long.MAX_VALUE) long bytes) {
    ByteSize size = ByteSize.ofBytes(bytes);
    assertThat(ByteSize.parse(size.toString())).isEqualTo(size);
  }

  @Property
  void unitAmountsRoundTrip(
      @ForAll @LongRange(max = 1_000_000) long amount, @ForAll("units") String unit) {
    ByteSize size = ByteSize.parse(amount + unit);
    assertThat(ByteSize.parse(size.toString())).isEqualTo(size);
  }

  @Property
  void garbageEitherParsesOrFailsTyped(@ForAll String text) {
    try {
      assertThat(ByteSize.parse(text).bytes()).isNotNegative();
    } catch (InvalidByteSizeException expected) {
      assertThat(expected).hasMessageContaining(ByteSize.EXPECTED_FORM);
    }
  }

  @Provide
  Arbitrary<String> units() {
    return Arbitraries.of("", "B", "k", "kB", "M", "MB", "G", "GB", "KiB", "MiB", "GiB", "Ki");
  }
}
