package org.postern.common.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * Durations written the way operators write them: a whole number and a unit ({@code 250ms}, {@code
 * 30s}, {@code 5m}, {@code 2h}, {@code 35d}; also {@code us} and {@code ns}), or a bare whole
 * number of seconds.
 */
public final class DurationText {

  /** What {@link #parse} accepts, quoted in every error message. */
  public static final String EXPECTED_FORM =
      "a whole number with a unit ns, us, ms, s, m, h or d (like 250ms, 30s, 5m, 2h, 35d), "
          + "or a whole number of seconds";

  private record Unit(String suffix, long nanos) {}

  // Longest suffixes first so "ms" is not read as "m"; largest units first for formatting.
  private static final List<Unit> UNITS =
      List.of(
          new Unit("d", 86_400_000_000_000L),
          new Unit("h", 3_600_000_000_000L),
          new Unit("m", 60_000_000_000L),
          new Unit("s", 1_000_000_000L),
          new Unit("ms", 1_000_000L),
          new Unit("us", 1_000L),
          new Unit("ns", 1L));

  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

  private DurationText() {}

  /** Parses a duration; throws {@link InvalidDurationException} naming the text. */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidDurationException(String.valueOf(text), "it is empty");
    }
    String trimmed = text.strip();
    int digitsEnd = 0;
    while (digitsEnd < trimmed.length() && isAsciiDigit(trimmed.charAt(digitsEnd))) {
      digitsEnd++;
    }
    if (digitsEnd == 0) {
      throw new InvalidDurationException(text, "it does not start with a whole number");
    }
    String suffix = trimmed.substring(digitsEnd).strip();
    long amount = parseAmount(text, trimmed.substring(0, digitsEnd));
    if (suffix.isEmpty()) {
      return Duration.ofSeconds(amount);
    }
    for (Unit unit : UNITS) {
      if (unit.suffix().equals(suffix)) {
        return ofUnits(text, amount, unit);
      }
    }
    throw new InvalidDurationException(text, "unknown unit '" + suffix + "'");
  }

  /** Writes the duration with the largest unit that represents it exactly; inverse of parse. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    if (duration.isZero()) {
      return "0s";
    }
    BigInteger nanos =
        BigInteger.valueOf(duration.getSeconds())
            .multiply(NANOS_PER_SECOND)
            .add(BigInteger.valueOf(duration.getNano()));
    for (Unit unit : UNITS) {
      BigInteger[] quotientAndRemainder =
          nanos.divideAndRemainder(BigInteger.valueOf(unit.nanos()));
      if (quotientAndRemainder[1].signum() == 0) {
        return quotientAndRemainder[0] + unit.suffix();
      }
    }
    throw new IllegalStateException("unreachable: the ns unit divides every duration");
  }

  private static Duration ofUnits(String text, long amount, Unit unit) {
    try {
      return Duration.ofNanos(unit.nanos()).multipliedBy(amount);
    } catch (ArithmeticException overflow) {
      throw new InvalidDurationException(text, "it is too large");
    }
  }

  private static long parseAmount(String text, String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException overflow) {
      throw new InvalidDurationException(text, "it is too large");
    }
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
