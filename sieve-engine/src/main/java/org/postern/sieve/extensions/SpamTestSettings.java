package org.postern.sieve.extensions;

import com.google.re2j.Pattern;
import java.util.Map;
import java.util.Optional;

/**
 * Where spamtest or virustest read their verdict (Pigeonhole's {@code sieve_spamtest_*} and {@code
 * sieve_virustest_*}): the status header (optionally with a regular expression whose first group is
 * the value), how to read it (a score, the length of a repeated character, or one of configured
 * texts) and the maximum (a fixed value or another header).
 *
 * @param statusHeader field holding the status
 * @param statusPattern expression extracting the value (group 1), or {@code null}
 * @param type how the status value is read
 * @param maxHeader field holding the maximum score, or {@code null} to use {@code maxValue}
 * @param maxPattern expression extracting the maximum from {@code maxHeader}, or {@code null}
 * @param maxValue the fixed maximum score (score and strlen types)
 * @param textValues for the text type: status text for each verdict number
 */
public record SpamTestSettings(
    String statusHeader,
    Pattern statusPattern,
    StatusType type,
    String maxHeader,
    Pattern maxPattern,
    double maxValue,
    Map<Integer, String> textValues) {

  /** How the status value is read. */
  public enum StatusType {
    /** A decimal score, compared with the maximum. */
    SCORE,
    /** The number of repetitions of one character ("*****"), compared with the maximum. */
    STRLEN,
    /** A text that equals one of the configured text values. */
    TEXT
  }

  /** Copies the text values. */
  public SpamTestSettings {
    textValues = Map.copyOf(textValues);
  }

  /**
   * Parses a header specification {@code Name} or {@code Name:regex}.
   *
   * @return the name and the compiled expression (or null)
   * @throws IllegalArgumentException when the expression does not compile
   */
  public static Map.Entry<String, Optional<Pattern>> headerSpec(String spec) {
    String trimmed = spec.trim();
    int colon = trimmed.indexOf(':');
    if (colon < 0) {
      return Map.entry(trimmed, Optional.empty());
    }
    String name = trimmed.substring(0, colon).trim();
    String expression = trimmed.substring(colon + 1).trim();
    try {
      return Map.entry(name, Optional.of(Pattern.compile(expression)));
    } catch (com.google.re2j.PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid expression in header specification '" + spec + "': " + e.getDescription(), e);
    }
  }
}
