package org.postern.common.config;

import java.util.List;
import java.util.Locale;

/**
 * A number of bytes for limits (message sizes, buffers), written in config as {@code 10000}, {@code
 * 1k} (1000), {@code 64KiB} (65536), {@code 1MiB}, {@code 2GB}.
 *
 * @param bytes the size in bytes, never negative
 */
public record ByteSize(long bytes) {

  /** What {@link #parse} accepts, quoted in every error message. */
  public static final String EXPECTED_FORM =
      "a whole number of bytes, optionally with a unit k, M, G (powers of 1000) "
          + "or KiB, MiB, GiB (powers of 1024), like 64KiB or 1k";

  private record Unit(String suffix, long multiplier) {}

  // Formatting order: binary units first (sizes are usually powers of two), then decimal.
  private static final List<Unit> FORMAT_UNITS =
      List.of(
          new Unit("GiB", 1L << 30),
          new Unit("MiB", 1L << 20),
          new Unit("KiB", 1L << 10),
          new Unit("GB", 1_000_000_000L),
          new Unit("MB", 1_000_000L),
          new Unit("kB", 1_000L));

  /** Rejects negative sizes. */
  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size: " + bytes);
    }
  }

  /** A size of exactly {@code bytes} bytes. */
  public static ByteSize ofBytes(long bytes) {
    return new ByteSize(bytes);
  }

  /** Parses a size; throws {@link InvalidByteSizeException} naming the text. */
  public static ByteSize parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidByteSizeException(String.valueOf(text), "it is empty");
    }
    String trimmed = text.strip();
    int digitsEnd = 0;
    while (digitsEnd < trimmed.length()
        && trimmed.charAt(digitsEnd) >= '0'
        && trimmed.charAt(digitsEnd) <= '9') {
      digitsEnd++;
    }
    if (digitsEnd == 0) {
      throw new InvalidByteSizeException(text, "it does not start with a whole number");
    }
    long amount;
    try {
      amount = Long.parseLong(trimmed.substring(0, digitsEnd));
    } catch (NumberFormatException overflow) {
      throw new InvalidByteSizeException(text, "it is too large");
    }
    long multiplier = multiplier(text, trimmed.substring(digitsEnd).strip());
    try {
      return new ByteSize(Math.multiplyExact(amount, multiplier));
    } catch (ArithmeticException overflow) {
      throw new InvalidByteSizeException(text, "it is too large");
    }
  }

  private static long multiplier(String text, String suffix) {
    switch (suffix.toLowerCase(Locale.ROOT)) {
      case "":
      case "b":
        return 1L;
      case "k":
      case "kb":
        return 1_000L;
      case "m":
      case "mb":
        return 1_000_000L;
      case "g":
      case "gb":
        return 1_000_000_000L;
      case "ki":
      case "kib":
        return 1L << 10;
      case "mi":
      case "mib":
        return 1L << 20;
      case "gi":
      case "gib":
        return 1L << 30;
      default:
        throw new InvalidByteSizeException(text, "unknown unit '" + suffix + "'");
    }
  }

  /** The size as an int for APIs such as Netty frame limits; throws if it does not fit. */
  public int toIntBytes() {
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalStateException("size " + this + " does not fit in an int");
    }
    return (int) bytes;
  }

  /** The size with the largest unit that represents it exactly; {@link #parse} reads it back. */
  @Override
  public String toString() {
    if (bytes == 0) {
      return "0";
    }
    for (Unit unit : FORMAT_UNITS) {
      if (bytes % unit.multiplier() == 0) {
        return bytes / unit.multiplier() + unit.suffix();
      }
    }
    return Long.toString(bytes);
  }
}
