package org.postern.sieve.date;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The date-parts of RFC 5260 section 4.2 and how each is written. */
public enum DatePart {
  /** "0000".."9999". */
  YEAR,
  /** "01".."12". */
  MONTH,
  /** "01".."31". */
  DAY,
  /** "yyyy-mm-dd". */
  DATE,
  /** Modified Julian Day. */
  JULIAN,
  /** "00".."23". */
  HOUR,
  /** "00".."59". */
  MINUTE,
  /** "00".."60". */
  SECOND,
  /** "hh:mm:ss". */
  TIME,
  /** ISO 8601, e.g. "2005-08-16T21:33:40-07:00". */
  ISO8601,
  /** RFC 2822, e.g. "Tue, 16 Aug 2005 21:33:40 -0700". */
  STD11,
  /** "+hhmm" or "-hhmm". */
  ZONE,
  /** "0" (Sunday).."6". */
  WEEKDAY;

  private static final ZonedDateTime MJD_EPOCH =
      ZonedDateTime.of(1858, 11, 17, 0, 0, 0, 0, ZoneOffset.UTC);

  /** The part named {@code name} (any case), or {@code null}. */
  public static DatePart named(String name) {
    for (DatePart part : values()) {
      if (part.name().equalsIgnoreCase(name)) {
        return part;
      }
    }
    return null;
  }

  /** This part of {@code date}, as a string. */
  public String of(ZonedDateTime date) {
    return switch (this) {
      case YEAR -> String.format(Locale.ROOT, "%04d", date.getYear());
      case MONTH -> two(date.getMonthValue());
      case DAY -> two(date.getDayOfMonth());
      case DATE ->
          String.format(
              Locale.ROOT,
              "%04d-%02d-%02d",
              date.getYear(),
              date.getMonthValue(),
              date.getDayOfMonth());
      case JULIAN ->
          Long.toString(ChronoUnit.DAYS.between(MJD_EPOCH.toLocalDate(), date.toLocalDate()));
      case HOUR -> two(date.getHour());
      case MINUTE -> two(date.getMinute());
      case SECOND -> two(date.getSecond());
      case TIME ->
          String.format(
              Locale.ROOT, "%02d:%02d:%02d", date.getHour(), date.getMinute(), date.getSecond());
      case ISO8601 -> DATE.of(date) + "T" + TIME.of(date) + isoZone(date.getOffset());
      case STD11 ->
          date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT)
              + ", "
              + date.getDayOfMonth()
              + " "
              + date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT)
              + " "
              + YEAR.of(date)
              + " "
              + TIME.of(date)
              + " "
              + ZONE.of(date);
      case ZONE -> {
        int seconds = date.getOffset().getTotalSeconds();
        int minutes = Math.abs(seconds) / 60;
        yield (seconds < 0 ? "-" : "+") + two(minutes / 60) + two(minutes % 60);
      }
      case WEEKDAY -> Integer.toString(date.getDayOfWeek().getValue() % 7);
    };
  }

  private static String isoZone(ZoneOffset offset) {
    String zone = ZONE.of(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, offset));
    return zone.substring(0, 3) + ":" + zone.substring(3);
  }

  private static String two(int value) {
    return String.format(Locale.ROOT, "%02d", value);
  }
}
