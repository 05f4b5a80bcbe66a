package org.postern.sieve.match;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** :contains against a plain definition, so the indexOf-based fast paths stay exact. */
class ContainsPropertiesTest {

  private static final Matcher CASELESS =
      new Matcher(MatchKind.CONTAINS, null, AsciiCaseMapComparator.INSTANCE);
  private static final Matcher OCTET =
      new Matcher(MatchKind.CONTAINS, null, OctetComparator.INSTANCE);

  @Property
  void caselessContainsFoldsOnlyAsciiLetters(
      @ForAll("text") String value, @ForAll("text") String key) {
    boolean expected = asciiLower(value).contains(asciiLower(key));
    assertThat(CASELESS.matches(value, key, MatchCaptures.NONE)).isEqualTo(expected);
    assertThat(
            CASELESS.matches(
                value + key.toUpperCase(java.util.Locale.ROOT), key, MatchCaptures.NONE))
        .isEqualTo(
            asciiLower(value + key.toUpperCase(java.util.Locale.ROOT)).contains(asciiLower(key)));
  }

  @Property
  void caselessContainsOverLowerCasedValuesKeptBetweenTestsIsTheSame(
      @ForAll("lists") java.util.List<String> first,
      @ForAll("lists") java.util.List<String> second,
      @ForAll("lists") java.util.List<String> keys) {
    LowerCasedValues lowerCased = new LowerCasedValues();
    // The same values twice, then others: what is kept must never answer for other values.
    for (java.util.List<String> values : java.util.List.of(first, first, second, first)) {
      boolean expected = false;
      for (String value : values) {
        for (String key : keys) {
          expected |= asciiLower(value).contains(asciiLower(key));
        }
      }
      assertThat(CASELESS.test(values, keys, MatchCaptures.NONE, null, lowerCased))
          .isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<java.util.List<String>> lists() {
    return text().list().ofMaxSize(3);
  }

  @Property
  void octetContainsIsExact(@ForAll("text") String value, @ForAll("text") String key) {
    assertThat(OCTET.matches(value, key, MatchCaptures.NONE)).isEqualTo(value.contains(key));
  }

  @Provide
  Arbitrary<String> text() {
    // A small alphabet with both cases and non-ASCII letters so matches and near-misses are common.
    return Arbitraries.strings().withChars("aAbB<>.éÉ1 ").ofMaxLength(12);
  }

  private static String asciiLower(String text) {
    StringBuilder lower = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return lower.toString();
  }
}
