package org.postern.srs;

import java.time.Instant;

/**
 * An SRS timestamp: the day since the epoch modulo 1024, written as two base32 characters ({@code
 * A-Z2-7}) so that it survives case-folding MTAs.
 *
 * @param day the day slot, 0 to 1023
 */
public record SrsTimestamp(int day) {
  /** Number of distinct day slots; timestamps wrap around after this many days. */
  public static final int SLOTS = 1024;

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final long SECONDS_PER_DAY = 86_400;

  /** Validates the slot range. */
  public SrsTimestamp {
    if (day < 0 || day >= SLOTS) {
      throw new IllegalArgumentException(
          "SRS day slot out of range 0.." + (SLOTS - 1) + ": " + day);
    }
  }

  /** The timestamp of the day containing {@code instant}. */
  public static SrsTimestamp at(Instant instant) {
    return new SrsTimestamp(
        Math.floorMod(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY), SLOTS));
  }

  /**
   * Parses two base32 characters in either case; any other length is refused (postsrsd's
   * CVE-2020-35573 came from accepting longer ones).
   */
  public static SrsTimestamp parse(String text) throws InvalidSrsAddressException {
    if (text.length() != 2) {
      throw new InvalidSrsAddressException(
          "SRS timestamp must be exactly two characters: '" + text + "'");
    }
    int high = ALPHABET.indexOf(asciiUpperCase(text.charAt(0)));
    int low = ALPHABET.indexOf(asciiUpperCase(text.charAt(1)));
    if (high < 0 || low < 0) {
      throw new InvalidSrsAddressException(
          "SRS timestamp must use the characters A-Z and 2-7: '" + text + "'");
    }
    return new SrsTimestamp(high * 32 + low);
  }

  // ASCII only: Character.toUpperCase would map the dotless i to 'I'.
  private static char asciiUpperCase(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
  }

  /** Whole days from this timestamp to {@code now}, modulo the slot count (0 to 1023). */
  public int ageInDays(Instant now) {
    return Math.floorMod(at(now).day - day, SLOTS);
  }

  /** The two upper-case characters as written in SRS0 addresses. */
  @Override
  public String toString() {
    return new String(new char[] {ALPHABET.charAt(day / 32), ALPHABET.charAt(day % 32)});
  }
}
