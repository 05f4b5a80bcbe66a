package org.postern.sieve.extensions;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.postern.sieve.match.AsciiNumericComparator;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5235 spamtest, spamtestplus ({@code :percent}) and virustest, reading the verdict a filter
 * wrote into a header as configured by {@link SpamTestSettings}. Unconfigured, or when the header
 * is missing or unreadable, the value is "0" (not tested). The default comparator is {@code
 * i;ascii-numeric}.
 */
public final class SpamTestExtension implements SieveExtension {

  /** Which of the three extensions this instance provides. */
  public enum Kind {
    /** spamtest: 0 (untested) or 1..10. */
    SPAMTEST,
    /** spamtestplus: spamtest plus {@code :percent} giving 0..100. */
    SPAMTESTPLUS,
    /** virustest: 0 (untested) or 1..5. */
    VIRUSTEST
  }

  private final Kind kind;
  private final Supplier<SpamTestSettings> settings;

  /** The extension of {@code kind} reading {@code settings} (null from it: not configured). */
  public SpamTestExtension(Kind kind, Supplier<SpamTestSettings> settings) {
    this.kind = kind;
    this.settings = settings;
  }

  @Override
  public String name() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Set<String> implies() {
    return kind == Kind.SPAMTESTPLUS ? Set.of("spamtest") : Set.of();
  }

  @Override
  public void register(Registry registry) {
    if (kind == Kind.SPAMTESTPLUS) {
      // spamtestplus only adds :percent to spamtest, which the spamtest instance registers.
      return;
    }
    List<TagSpec> tags = new ArrayList<>(CommonTags.match());
    String test = kind == Kind.VIRUSTEST ? "virustest" : "spamtest";
    if (kind == Kind.SPAMTEST) {
      tags.add(new TagSpec("percent", null, "spamtestplus", null));
    }
    registry.test(
        new TestDefinition(
            test,
            test,
            new Signature(tags, List.of(ArgumentKind.STRING), 1),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              if (!arguments.has("comparator")) {
                matcher =
                    new Matcher(
                        matcher.kind(), matcher.relation(), numericUnlessSubstring(matcher));
              }
              Matcher used = matcher;
              boolean percent = arguments.has("percent");
              List<SieveString> keys = context.strings(arguments.positional(0));
              return execution ->
                  Matching.test(
                      used,
                      List.of(value(execution.message(), percent)),
                      SieveString.evaluateAll(keys, execution),
                      execution);
            }));
  }

  private static org.postern.sieve.match.Comparator numericUnlessSubstring(Matcher matcher) {
    return switch (matcher.kind()) {
      case CONTAINS, MATCHES, REGEX -> matcher.comparator();
      default -> AsciiNumericComparator.INSTANCE;
    };
  }

  /** The test's value for {@code message}: "0" when untested, else the scaled verdict. */
  String value(SieveMessage message, boolean percent) {
    SpamTestSettings config = settings.get();
    if (config == null) {
      return "0";
    }
    float ratio = ratio(config, message);
    if (ratio < 0) {
      return "0";
    }
    int score;
    if (percent) {
      score = (int) (ratio * 100 + 0.001f);
    } else if (kind == Kind.VIRUSTEST) {
      score = (int) (ratio * 4 + 1.001f);
    } else {
      score = (int) (ratio * 9 + 1.001f);
    }
    return Integer.toString(score);
  }

  /** The verdict as a fraction of the maximum, or -1 when it cannot be read. */
  private float ratio(SpamTestSettings config, SieveMessage message) {
    int textMax = kind == Kind.VIRUSTEST ? 5 : 10;
    Float max;
    if (config.type() == SpamTestSettings.StatusType.TEXT) {
      max = (float) textMax;
    } else if (config.maxHeader() != null) {
      String text = extract(message, config.maxHeader(), config.maxPattern());
      max = text == null ? null : decimal(text);
    } else {
      max = (float) config.maxValue();
    }
    if (max == null || max == 0) {
      return -1;
    }
    String status = extract(message, config.statusHeader(), config.statusPattern());
    if (status == null) {
      return -1;
    }
    Float value =
        switch (config.type()) {
          case SCORE -> decimal(status);
          case STRLEN -> repeatedLength(status);
          case TEXT -> textValue(config, status, textMax);
        };
    if (value == null) {
      return -1;
    }
    if (value < 0) {
      return 0;
    }
    return value > max ? 1 : value / max;
  }

  private static String extract(SieveMessage message, String header, Pattern pattern) {
    List<String> values = message.decodedHeaders(header);
    if (values.isEmpty()) {
      return null;
    }
    String value = values.get(0);
    if (pattern == null) {
      return value;
    }
    com.google.re2j.Matcher found = pattern.matcher(value);
    if (!found.find() || found.groupCount() < 1) {
      return null;
    }
    return found.group(1);
  }

  private static Float textValue(SpamTestSettings config, String status, int textMax) {
    for (int i = 0; i <= textMax; i++) {
      if (status.equals(config.textValues().get(i))) {
        return (float) i;
      }
    }
    return null;
  }

  /** "****" gives 4: the length of a run of one repeated character; "" gives 0. */
  static Float repeatedLength(String text) {
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) != text.charAt(0)) {
        return null;
      }
    }
    return (float) text.length();
  }

  /** A decimal with at most five digits on each side of '.' or ','; null when malformed. */
  static Float decimal(String text) {
    int i = 0;
    float sign = 1;
    if (text.isEmpty()) {
      return null;
    }
    if (text.charAt(0) == '+' || text.charAt(0) == '-') {
      sign = text.charAt(0) == '-' ? -1 : 1;
      i++;
    }
    float value = 0;
    int digits = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) <= '9') {
      value = value * 10 + (text.charAt(i) - '0');
      if (digits++ > 4) {
        return null;
      }
      i++;
    }
    if (i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
      i++;
      float radix = 0.1f;
      digits = 0;
      while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) <= '9') {
        value += (text.charAt(i) - '0') * radix;
        if (digits++ > 4) {
          return null;
        }
        radix /= 10;
        i++;
      }
    }
    return i == text.length() ? value * sign : null;
  }
}
