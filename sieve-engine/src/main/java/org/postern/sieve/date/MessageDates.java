package org.postern.sieve.date;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses RFC 5322 date-time values (including obsolete zone names and two-digit years) leniently:
 * the day of the week is ignored, as Pigeonhole does. For {@code Received} fields the date follows
 * the last ';'.
 */
public final class MessageDates {

  private static final Pattern DATE =
      Pattern.compile(
          "\\s*(?:[A-Za-z]{3}\\s*,\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+(\\d{2,4})\\s+"
              + "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([+-]\\d{4}|[A-Za-z]{1,5})?\\s*(?:\\(.*\\))?\\s*");

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));

  private static final Map<String, Integer> ZONES =
      Map.of(
          "ut", 0, "gmt", 0, "est", -5, "edt", -4, "cst", -6, "cdt", -5, "mst", -7, "mdt", -6,
          "pst", -8, "pdt", -7);

  private MessageDates() {}

  /** The date-time of a field value, or {@code null} when it is not a valid date. */
  public static ZonedDateTime parse(String fieldName, String value) {
    String text = value;
    if (fieldName.equalsIgnoreCase("received")) {
      int semicolon = text.lastIndexOf(';');
      if (semicolon < 0) {
        return null;
      }
      text = text.substring(semicolon + 1);
    }
    Matcher matcher = DATE.matcher(text);
    if (!matcher.matches()) {
      return null;
    }
    Integer month = MONTHS.get(matcher.group(2).toLowerCase(Locale.ROOT));
    if (month == null) {
      return null;
    }
    int year = Integer.parseInt(matcher.group(3));
    if (matcher.group(3).length() == 2) {
      year += year < 50 ? 2000 : 1900;
    } else if (matcher.group(3).length() == 3) {
      year += 1900;
    }
    ZoneOffset offset = offset(matcher.group(7));
    if (offset == null) {
      return null;
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              year,
              month,
              Integer.parseInt(matcher.group(1)),
              Integer.parseInt(matcher.group(4)),
              Integer.parseInt(matcher.group(5)),
              matcher.group(6) == null ? 0 : Math.min(59, Integer.parseInt(matcher.group(6))));
      return ZonedDateTime.of(local, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null) {
      return ZoneOffset.UTC;
    }
    if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
      return zoneOffset(zone);
    }
    Integer hours = ZONES.get(zone.toLowerCase(Locale.ROOT));
    // Military and unknown zones mean "unknown": RFC 5322 4.3 says treat them as -0000.
    return hours == null ? ZoneOffset.UTC : ZoneOffset.ofHours(hours);
  }

  /** A {@code +hhmm}/{@code -hhmm} zone, or {@code null} when malformed. */
  public static ZoneOffset zoneOffset(String zone) {
    if (zone.length() != 5
        || (zone.charAt(0) != '+' && zone.charAt(0) != '-')
        || !zone.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    int hours = Integer.parseInt(zone.substring(1, 3));
    int minutes = Integer.parseInt(zone.substring(3, 5));
    if (hours > 18 || minutes > 59) {
      return null;
    }
    try {
      int sign = zone.charAt(0) == '-' ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
