package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SrsRewriterPropertiesTest {
  private static final String LOCAL_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.=+-_!#$%&'*/?^`{|}~@\"éß中";

  @Provide
  Arbitrary<String> localParts() {
    return Arbitraries.strings()
        .withChars(LOCAL_CHARS.toCharArray())
        .ofMinLength(1)
        .ofMaxLength(40)
        // SRS-tagged local parts take the SRS1 path, tested separately.
        .filter(local -> !SrsAddress.isTagged(local));
  }

  @Provide
  Arbitrary<String> domains() {
    Arbitrary<String> label =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyzABC0123456789-")
            .ofMinLength(1)
            .ofMaxLength(12);
    return label.list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond);
  }

  @Property
  void forwardThenReverseGivesTheSenderBack(
      @ForAll("localParts") String local,
      @ForAll("domains") String domain,
      @ForAll("instants") Instant sent,
      @ForAll @IntRange(max = 21) int daysLater,
      @ForAll @LongRange(max = 86_399) long secondsLater) {
    Assume.that(!domain.equalsIgnoreCase(SrsFixtures.SRS_DOMAIN));
    String sender = local + "@" + domain;
    SrsResult forwarded = SrsFixtures.rewriter(sent).forward(sender);
    assertThat(forwarded).isInstanceOf(SrsResult.Rewritten.class);
    String address = ((SrsResult.Rewritten) forwarded).address();
    assertThat(address).startsWith("SRS0=").endsWith("@" + SrsFixtures.SRS_DOMAIN);

    // Any moment up to the end of the 21st day after the sending day.
    Instant startOfDay = Instant.ofEpochSecond(sent.getEpochSecond() / 86_400 * 86_400);
    Instant bounce = startOfDay.plus(Duration.ofDays(daysLater)).plusSeconds(secondsLater);
    assertThat(SrsFixtures.rewriter(bounce).reverse(address))
        .isEqualTo(new SrsResult.Rewritten(sender));
    // Receivers may fold the case of the whole address; the hash still verifies.
    assertThat(SrsFixtures.rewriter(bounce).reverse(address.toLowerCase()))
        .isInstanceOf(SrsResult.Rewritten.class);
  }

  @Property
  void srs1ReversesToTheFirstHopAddress(
      @ForAll("localParts") String local,
      @ForAll("domains") String originalDomain,
      @ForAll("domains") String firstHop,
      @ForAll("instants") Instant sent) {
    Assume.that(!firstHop.equalsIgnoreCase(SrsFixtures.SRS_DOMAIN));
    // The first hop is another forwarder with its own secret.
    SrsRewriter firstHopRewriter =
        SrsFixtures.build(
            SrsFixtures.builder(sent).srsDomain(firstHop).secrets(SrsFixtures.secrets("theirs")));
    Assume.that(!originalDomain.equalsIgnoreCase(firstHop));
    String srs0 =
        ((SrsResult.Rewritten) firstHopRewriter.forward(local + "@" + originalDomain)).address();

    SrsResult forwarded = SrsFixtures.rewriter(sent).forward(srs0);
    assertThat(forwarded).isInstanceOf(SrsResult.Rewritten.class);
    String srs1 = ((SrsResult.Rewritten) forwarded).address();
    assertThat(srs1).startsWith("SRS1=");
    assertThat(SrsFixtures.rewriter(sent.plus(Duration.ofDays(300))).reverse(srs1))
        .isEqualTo(new SrsResult.Rewritten(srs0));
  }

  @Provide
  Arbitrary<String> srsLikeGarbage() {
    Arbitrary<String> tag = Arbitraries.of("SRS0", "SRS1", "srs0", "Srs1", "SRS", "SRS2", "");
    Arbitrary<String> separator = Arbitraries.of("=", "+", "-", "", "==", "@");
    Arbitrary<String> field = Arbitraries.strings().withChars("aZ09+/=_-.@ 2W7é").ofMaxLength(10);
    Arbitrary<String> domain = Arbitraries.of("example.com", "EXAMPLE.com", "other.org", "", "@");
    Arbitrary<String> structured =
        Combinators.combine(tag, separator, field.list().ofMaxSize(6), domain)
            .as((t, s, fields, d) -> t + s + String.join("=", fields) + "@" + d);
    return Arbitraries.oneOf(structured, Arbitraries.strings().ofMaxLength(60));
  }

  @Property(tries = 2000)
  void reverseOfGarbageNeverThrowsAndNeverRewrites(@ForAll("srsLikeGarbage") String garbage) {
    // Eight-character hashes make a lucky random match impossible in practice.
    SrsRewriter rewriter =
        SrsFixtures.build(
            SrsFixtures.builder(SrsFixtures.VECTOR_TIME).hashLength(8).hashMinimum(8));
    assertThat(rewriter.reverse(garbage))
        .isInstanceOfAny(SrsResult.Invalid.class, SrsResult.NotApplicable.class);
  }

  @Property
  void forwardOfAnythingNeverThrows(@ForAll("srsLikeGarbage") String garbage) {
    assertThat(SrsFixtures.rewriter(SrsFixtures.VECTOR_TIME).forward(garbage)).isNotNull();
  }

  @Property
  void everySeparatorRoundTrips(
      @ForAll("localParts") String local,
      @ForAll("domains") String domain,
      @ForAll("tagSeparators") char separator) {
    Assume.that(!domain.equalsIgnoreCase(SrsFixtures.SRS_DOMAIN));
    SrsRewriter rewriter =
        SrsFixtures.build(SrsFixtures.builder(SrsFixtures.VECTOR_TIME).separator(separator));
    String sender = local + "@" + domain;
    String address = ((SrsResult.Rewritten) rewriter.forward(sender)).address();
    assertThat(address).startsWith("SRS0" + separator);
    assertThat(rewriter.reverse(address)).isEqualTo(new SrsResult.Rewritten(sender));
  }

  @Property
  void anySingleCharacterChangeToHashTimestampOrDomainFailsReverse(
      @ForAll("localParts") String local,
      @ForAll("domains") String domain,
      @ForAll @IntRange(max = 10_000) int position,
      @ForAll("replacements") char replacement) {
    Assume.that(!domain.equalsIgnoreCase(SrsFixtures.SRS_DOMAIN));
    // Eight-character hashes make a lucky collision impossible in practice.
    SrsRewriter rewriter =
        SrsFixtures.build(
            SrsFixtures.builder(SrsFixtures.VECTOR_TIME).hashLength(8).hashMinimum(8));
    String sender = local + "@" + domain;
    String address = ((SrsResult.Rewritten) rewriter.forward(sender)).address();
    // SRS0=HHHHHHHH=TT=domain=local@srs-domain: hash at 5..12, timestamp at 14..15, domain after.
    int hashAndTimestamp = 8 + 2;
    int index = position % (hashAndTimestamp + domain.length());
    int offset = index < 8 ? 5 + index : index < 10 ? 14 + index - 8 : 17 + index - 10;
    char original = address.charAt(offset);
    Assume.that(!equivalent(original, replacement));
    String tampered = address.substring(0, offset) + replacement + address.substring(offset + 1);
    assertThat(rewriter.reverse(tampered))
        .isInstanceOfAny(SrsResult.Invalid.class, SrsResult.NotApplicable.class);
  }

  // Verification ignores case and the base64 alphabet, so these spell the same address.
  private static boolean equivalent(char a, char b) {
    char x = Character.toLowerCase(a);
    char y = Character.toLowerCase(b);
    return x == y
        || (x == '+' && y == '-')
        || (x == '-' && y == '+')
        || (x == '/' && y == '_')
        || (x == '_' && y == '/');
  }

  @Provide
  Arbitrary<Character> tagSeparators() {
    return Arbitraries.of('=', '+', '-');
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.chars().with("ABCDEFXYZabcdefxyz0123456789+/-_=.".toCharArray());
  }
}
