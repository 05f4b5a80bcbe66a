package org.postern.sieve.extensions;

import java.time.Duration;

/**
 * Site settings of vacation, as Pigeonhole's {@code sieve_vacation_*}: the bounds a script's {@code
 * :days}/{@code :seconds} are clamped to, the subject used when the script gives none, and whether
 * a reply needs one of the user's addresses in the message's recipient headers.
 *
 * @param minPeriod shortest period between replies to one sender (RFC 6131 allows zero)
 * @param maxPeriod longest period between replies to one sender
 * @param defaultPeriod period when the script gives neither {@code :days} nor {@code :seconds}
 * @param defaultSubject subject when the script gives none and the message has none, or null
 * @param defaultSubjectTemplate subject when the script gives none and the message has one, with
 *     {@code %{subject}} standing for the message's subject; null for {@code "Auto: " subject}
 * @param checkRecipient whether a reply needs one of the user's addresses in To, Cc, Bcc or their
 *     Resent- forms (RFC 5230 section 4.5); off only for sites that trust their routing
 */
public record VacationSettings(
    Duration minPeriod,
    Duration maxPeriod,
    Duration defaultPeriod,
    String defaultSubject,
    String defaultSubjectTemplate,
    boolean checkRecipient) {

  /** Subjects longer than this many code points are cut, ending in an ellipsis. */
  public static final int MAX_SUBJECT_CODE_POINTS = 256;

  /** Rejects bounds that cannot hold together. */
  public VacationSettings {
    if (minPeriod.isNegative() || maxPeriod.compareTo(minPeriod) < 0) {
      throw new IllegalArgumentException(
          "vacation periods must satisfy 0 <= min <= max: " + minPeriod + ", " + maxPeriod);
    }
    if (defaultSubject != null && defaultSubject.isEmpty()) {
      defaultSubject = null;
    }
    if (defaultSubjectTemplate != null && defaultSubjectTemplate.isEmpty()) {
      defaultSubjectTemplate = null;
    }
  }

  /** No minimum, no practical maximum, seven days by default, subjects as Pigeonhole's default. */
  public static VacationSettings defaults() {
    return new VacationSettings(
        Duration.ZERO, Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(7), null, null, true);
  }

  /** {@code requested} clamped to the site's bounds. */
  public Duration clamp(Duration requested) {
    if (requested.compareTo(minPeriod) < 0) {
      return minPeriod;
    }
    return requested.compareTo(maxPeriod) > 0 ? maxPeriod : requested;
  }

  /**
   * The reply's subject when the script gives none: from the template or {@code "Auto: "} plus the
   * original subject, else the default subject or {@code "Automated reply"}; cut to {@link
   * #MAX_SUBJECT_CODE_POINTS} code points, the last one an ellipsis, as Pigeonhole does.
   */
  public String replySubject(String originalSubject) {
    String subject;
    if (originalSubject == null || originalSubject.isEmpty()) {
      subject = defaultSubject != null ? defaultSubject : "Automated reply";
    } else if (defaultSubjectTemplate != null) {
      subject = defaultSubjectTemplate.replace("%{subject}", originalSubject);
    } else {
      subject = "Auto: " + originalSubject;
    }
    return limit(subject);
  }

  static String limit(String subject) {
    if (subject.codePointCount(0, subject.length()) <= MAX_SUBJECT_CODE_POINTS) {
      return subject;
    }
    int end = subject.offsetByCodePoints(0, MAX_SUBJECT_CODE_POINTS - 1);
    return subject.substring(0, end) + "\u2026";
  }
}
