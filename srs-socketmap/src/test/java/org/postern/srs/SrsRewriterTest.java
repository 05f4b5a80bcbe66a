package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postern.srs.SrsFixtures.SECRET;
import static org.postern.srs.SrsFixtures.VECTOR_TIME;
import static org.postern.srs.SrsFixtures.build;
import static org.postern.srs.SrsFixtures.builder;
import static org.postern.srs.SrsFixtures.rewriter;
import static org.postern.srs.SrsFixtures.secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrsRewriterTest {
  private static final String VECTOR = "SRS0=vmyz=2W=otherdomain.com=test@example.com";

  private final SrsRewriter rewriter = rewriter(VECTOR_TIME);

  @Test
  void forwardReproducesPostsrsdTestVectorExactly() {
    assertThat(rewriter.forward("test@otherdomain.com")).isEqualTo(new SrsResult.Rewritten(VECTOR));
  }

  @Test
  void forwardWritesTheSameVectorWithStandardBase64() {
    SrsRewriter standard = build(builder(VECTOR_TIME).hashEncoding(HashEncoding.BASE64));
    assertThat(standard.forward("test@otherdomain.com")).isEqualTo(new SrsResult.Rewritten(VECTOR));
  }

  @Test
  void reverseOfTheVectorGivesTheOriginalSender() {
    assertThat(rewriter.reverse(VECTOR)).isEqualTo(new SrsResult.Rewritten("test@otherdomain.com"));
  }

  // SRS1 vectors below were produced by postsrsd 1.10 with the same secret and domain.
  @Test
  void forwardTurnsAForeignSrs0IntoSrs1KeepingTheOldHash() {
    assertThat(rewriter.forward("SRS0=vmyz=2W=otherdomain.com=test@hop1.org"))
        .isEqualTo(
            new SrsResult.Rewritten(
                "SRS1=Wf3a=hop1.org==vmyz=2W=otherdomain.com=test@example.com"));
  }

  @Test
  void forwardKeepsTheFirstHopSeparatorInsideSrs1() {
    assertThat(rewriter.forward("SRS0+vmyz=2W=otherdomain.com=test@hop1.org"))
        .isEqualTo(
            new SrsResult.Rewritten(
                "SRS1=hLpN=hop1.org=+vmyz=2W=otherdomain.com=test@example.com"));
  }

  @Test
  void forwardRehashesAnSrs1KeepingItsFirstHop() {
    assertThat(rewriter.forward("SRS1=abcd=hop1.org==vmyz=2W=otherdomain.com=test@hop2.org"))
        .isEqualTo(
            new SrsResult.Rewritten(
                "SRS1=Wf3a=hop1.org==vmyz=2W=otherdomain.com=test@example.com"));
  }

  @Test
  void reverseOfSrs1GivesTheSrs0AddressAtTheFirstHop() {
    SrsResult forwarded = rewriter.forward("SRS0=vmyz=2W=otherdomain.com=test@hop1.org");
    String srs1 = ((SrsResult.Rewritten) forwarded).address();
    // SRS1 carries no timestamp of ours: it stays reversible long after.
    SrsRewriter later = rewriter(VECTOR_TIME.plus(Duration.ofDays(400)));
    assertThat(later.reverse(srs1))
        .isEqualTo(new SrsResult.Rewritten("SRS0=vmyz=2W=otherdomain.com=test@hop1.org"));
  }

  @Test
  void srs1WithAForgedHashIsInvalid() {
    assertThat(rewriter.reverse("SRS1=Wf3b=hop1.org==vmyz=2W=otherdomain.com=test@example.com"))
        .isInstanceOf(SrsResult.Invalid.class);
  }

  @Test
  void localPartsContainingSeparatorsSurviveTheRoundTrip() {
    SrsResult forwarded = rewriter.forward("a=b==c@x.org");
    assertThat(forwarded).isInstanceOf(SrsResult.Rewritten.class);
    String address = ((SrsResult.Rewritten) forwarded).address();
    assertThat(address).endsWith("=2W=x.org=a=b==c@example.com");
    assertThat(rewriter.reverse(address)).isEqualTo(new SrsResult.Rewritten("a=b==c@x.org"));
  }

  @ParameterizedTest
  @ValueSource(chars = {'+', '-'})
  void writesAndAcceptsEachSeparatorAfterTheTag(char separator) {
    SrsRewriter writer = build(builder(VECTOR_TIME).separator(separator));
    String address = ((SrsResult.Rewritten) writer.forward("test@otherdomain.com")).address();
    assertThat(address).isEqualTo("SRS0" + separator + VECTOR.substring(5));
    assertThat(rewriter.reverse(address))
        .isEqualTo(new SrsResult.Rewritten("test@otherdomain.com"));
  }

  @Test
  void hashAndTimestampAreCaseInsensitiveForCaseFoldingMtas() {
    assertThat(rewriter.reverse(VECTOR.toLowerCase()))
        .isEqualTo(new SrsResult.Rewritten("test@otherdomain.com"));
    assertThat(rewriter.reverse("SRS0=VMYZ=2w=otherdomain.com=test@EXAMPLE.COM"))
        .isEqualTo(new SrsResult.Rewritten("test@otherdomain.com"));
  }

  @Test
  void base64AndBase64UrlHashesAreInterchangeable() {
    SrsRewriter standard = build(builder(VECTOR_TIME).hashEncoding(HashEncoding.BASE64));
    String local = localPartWhoseStandardHashHasPlusOrSlash(standard);
    String standardAddress = ((SrsResult.Rewritten) standard.forward(local + "@x.org")).address();
    String urlAddress = ((SrsResult.Rewritten) rewriter.forward(local + "@x.org")).address();

    String standardHash = standardAddress.substring(5, 9);
    String urlHash = urlAddress.substring(5, 9);
    assertThat(urlHash).isEqualTo(standardHash.replace('+', '-').replace('/', '_'));
    assertThat(urlHash).doesNotContain("+", "/");

    for (SrsRewriter reverser : List.of(standard, rewriter)) {
      assertThat(reverser.reverse(standardAddress))
          .isEqualTo(new SrsResult.Rewritten(local + "@x.org"));
      assertThat(reverser.reverse(urlAddress)).isEqualTo(new SrsResult.Rewritten(local + "@x.org"));
    }
  }

  private static String localPartWhoseStandardHashHasPlusOrSlash(SrsRewriter standard) {
    for (int i = 0; i < 10_000; i++) {
      String local = "user" + i;
      String address = ((SrsResult.Rewritten) standard.forward(local + "@x.org")).address();
      String hash = address.substring(5, 9);
      if (hash.contains("+") || hash.contains("/")) {
        return local;
      }
    }
    throw new AssertionError("no hash with + or / among 10000 local parts");
  }

  @Test
  void acceptsHashesTruncatedDownToTheMinimumOnly() {
    SrsRewriter longHashes = build(builder(VECTOR_TIME).hashLength(8).hashMinimum(5));
    String address = ((SrsResult.Rewritten) longHashes.forward("test@otherdomain.com")).address();
    int hashEnd = address.indexOf('=', 5);
    assertThat(hashEnd - 5).isEqualTo(8);
    String hash = address.substring(5, hashEnd);
    String tail = address.substring(hashEnd);
    for (int length = 5; length <= 8; length++) {
      assertThat(longHashes.reverse("SRS0=" + hash.substring(0, length) + tail))
          .as("hash of %d characters", length)
          .isEqualTo(new SrsResult.Rewritten("test@otherdomain.com"));
    }
    assertThat(longHashes.reverse("SRS0=" + hash.substring(0, 4) + tail))
        .isInstanceOf(SrsResult.Invalid.class);
    assertThat(longHashes.reverse("SRS0=" + hash + "A" + tail))
        .isInstanceOf(SrsResult.Invalid.class);
    // The 4-character prefix of the long hash is the default rewriter's whole hash.
    assertThat(hash).startsWith("vmyz");
  }

  @Test
  void aWrongHashIsInvalid() {
    assertThat(rewriter.reverse("SRS0=vmyy=2W=otherdomain.com=test@example.com"))
        .isInstanceOf(SrsResult.Invalid.class);
    assertThat(rewriter.reverse("SRS0=vmyz=2W=otherdomain.com=tess@example.com"))
        .isInstanceOf(SrsResult.Invalid.class);
  }

  @Test
  void timestampsWrapAroundAfter1024Days() {
    // Day 18431 is slot 1023, the last before the wrap.
    Instant lastSlot = Instant.ofEpochSecond(18431L * 86_400 + 3600);
    String address = ((SrsResult.Rewritten) rewriter(lastSlot).forward("a@b.org")).address();
    assertThat(address).contains("=77=b.org=");
    Instant afterWrap = lastSlot.plus(Duration.ofDays(5));
    assertThat(SrsTimestamp.at(afterWrap).day()).isEqualTo(4);
    assertThat(rewriter(afterWrap).reverse(address)).isEqualTo(new SrsResult.Rewritten("a@b.org"));
  }

  @Test
  void expiresAfterTwentyOneDays() {
    assertThat(rewriter(VECTOR_TIME.plus(Duration.ofDays(21))).reverse(VECTOR))
        .isEqualTo(new SrsResult.Rewritten("test@otherdomain.com"));
    assertThat(rewriter(VECTOR_TIME.plus(Duration.ofDays(22))).reverse(VECTOR))
        .isInstanceOfSatisfying(
            SrsResult.Invalid.class,
            invalid -> assertThat(invalid.reason()).contains("22 days old"));
    assertThat(rewriter(VECTOR_TIME.minus(Duration.ofDays(1))).reverse(VECTOR))
        .as("a timestamp from the future")
        .isInstanceOf(SrsResult.Invalid.class);
  }

  @Test
  void maxAgeIsConfigurable() {
    SrsRewriter strict = build(builder(VECTOR_TIME.plus(Duration.ofDays(3))).maxAgeDays(2));
    assertThat(strict.reverse(VECTOR)).isInstanceOf(SrsResult.Invalid.class);
    SrsRewriter lenient = build(builder(VECTOR_TIME.plus(Duration.ofDays(30))).maxAgeDays(30));
    assertThat(lenient.reverse(VECTOR)).isInstanceOf(SrsResult.Rewritten.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "2WA", "2WAA", "2W2W2W"})
  void timestampsOfOtherThanTwoCharactersAreRejectedEvenWithAValidHash(String timestamp) {
    // Sign the malformed timestamp properly so only its length can be the reason.
    SrsHash hash = new SrsHash(secrets(SECRET), 4, 4, HashEncoding.BASE64URL);
    String address =
        "SRS0="
            + hash.create(timestamp, "otherdomain.com", "test")
            + "="
            + timestamp
            + "=otherdomain.com=test@example.com";
    assertThat(rewriter.reverse(address))
        .isInstanceOfSatisfying(
            SrsResult.Invalid.class,
            invalid -> assertThat(invalid.reason()).contains("exactly two characters"));
  }

  @Test
  void rotationSignsWithTheFirstSecretAndVerifiesWithAll() {
    SrsRewriter oldOnly = build(builder(VECTOR_TIME).secrets(secrets("old-secret")));
    SrsRewriter rotated = build(builder(VECTOR_TIME).secrets(secrets("new-secret", "old-secret")));
    SrsRewriter newOnly = build(builder(VECTOR_TIME).secrets(secrets("new-secret")));

    String signedWithOld = ((SrsResult.Rewritten) oldOnly.forward("a@b.org")).address();
    String signedAfterRotation = ((SrsResult.Rewritten) rotated.forward("a@b.org")).address();

    assertThat(signedAfterRotation)
        .isEqualTo(((SrsResult.Rewritten) newOnly.forward("a@b.org")).address())
        .isNotEqualTo(signedWithOld);
    assertThat(rotated.reverse(signedWithOld)).isEqualTo(new SrsResult.Rewritten("a@b.org"));
    assertThat(rotated.reverse(signedAfterRotation)).isEqualTo(new SrsResult.Rewritten("a@b.org"));
    assertThat(oldOnly.reverse(signedAfterRotation)).isInstanceOf(SrsResult.Invalid.class);
  }

  @Test
  void sendersInLocalDomainsAreNotRewritten() throws SrsConfigException {
    SrsRewriter withDomains =
        build(
            builder(VECTOR_TIME).domains(LocalDomains.of(List.of("example.org", ".example.net"))));
    assertThat(withDomains.forward("a@example.org")).isInstanceOf(SrsResult.NotApplicable.class);
    assertThat(withDomains.forward("a@EXAMPLE.ORG")).isInstanceOf(SrsResult.NotApplicable.class);
    assertThat(withDomains.forward("a@sub.example.org")).isInstanceOf(SrsResult.Rewritten.class);
    assertThat(withDomains.forward("a@sub.example.net"))
        .isInstanceOf(SrsResult.NotApplicable.class);
    assertThat(withDomains.forward("a@example.net")).isInstanceOf(SrsResult.Rewritten.class);
  }

  @Test
  void sendersInTheSrsDomainAreRewrittenOnlyWithAlwaysRewrite() {
    assertThat(rewriter.forward("bob@example.com")).isInstanceOf(SrsResult.NotApplicable.class);
    assertThat(rewriter.forward(VECTOR)).isInstanceOf(SrsResult.NotApplicable.class);

    SrsRewriter always = build(builder(VECTOR_TIME).alwaysRewrite(true));
    String address = ((SrsResult.Rewritten) always.forward("bob@example.com")).address();
    assertThat(address).startsWith("SRS0=").endsWith("=2W=example.com=bob@example.com");
    assertThat(always.reverse(address)).isEqualTo(new SrsResult.Rewritten("bob@example.com"));
    // Our own SRS0 becomes SRS1 with ourselves as the first hop, as libsrs2 does.
    assertThat(always.forward(VECTOR))
        .isInstanceOfSatisfying(
            SrsResult.Rewritten.class,
            rewritten ->
                assertThat(rewritten.address())
                    .endsWith("=example.com==vmyz=2W=otherdomain.com=test@example.com"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "user", "@example.org", "user@", "@", "a@b=c.org"})
  void forwardRefusesWhatIsNotAUsableAddress(String address) {
    assertThat(rewriter.forward(address)).isInstanceOf(SrsResult.Invalid.class);
  }

  @Test
  void malformedSrsLookingSendersAreWrappedAsSrs0() {
    String address = ((SrsResult.Rewritten) rewriter.forward("SRS1=broken@x.org")).address();
    assertThat(address).startsWith("SRS0=").endsWith("=x.org=SRS1=broken@example.com");
    assertThat(rewriter.reverse(address)).isEqualTo(new SrsResult.Rewritten("SRS1=broken@x.org"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "test@otherdomain.com",
        "SRS0=vmyz=2W=otherdomain.com=test@elsewhere.org",
        "plain@example.com",
        "SRS2=vmyz=2W=otherdomain.com=test@example.com",
        "SRS0vmyz=2W=otherdomain.com=test@example.com",
        "no-at-sign"
      })
  void reverseLeavesAddressesThatAreNotOursAlone(String address) {
    assertThat(rewriter.reverse(address)).isInstanceOf(SrsResult.NotApplicable.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SRS0=@example.com",
        "SRS0=vmyz=2W=otherdomain.com@example.com",
        "SRS0=vmyz=2W==test@example.com",
        "SRS0=vmyz=2W=otherdomain.com=@example.com",
        "SRS1=Wf3a=hop1.org@example.com",
        "SRS1==hop1.org==x@example.com",
        "SRS0=vmyz=!!=otherdomain.com=test@example.com"
      })
  void reverseRefusesMalformedSrsAddresses(String address) {
    assertThat(rewriter.reverse(address)).isInstanceOf(SrsResult.Invalid.class);
  }

  @Test
  void builderValidatesTheSettingsTogether() {
    assertConfigError(SrsRewriter.builder().secrets(secrets(SECRET)), "srs-domain");
    assertConfigError(SrsRewriter.builder().srsDomain("example.com"), "secrets");
    assertConfigError(builder(VECTOR_TIME).srsDomain("a@b"), "srs-domain");
    assertConfigError(builder(VECTOR_TIME).hashLength(3).hashMinimum(3), "hash-length");
    assertConfigError(builder(VECTOR_TIME).hashLength(28), "hash-length");
    assertConfigError(builder(VECTOR_TIME).hashLength(6).hashMinimum(7), "hash-minimum");
    assertConfigError(builder(VECTOR_TIME).hashMinimum(3), "hash-minimum");
    assertConfigError(builder(VECTOR_TIME).maxAgeDays(0), "max-age");
    assertConfigError(builder(VECTOR_TIME).maxAgeDays(1024), "max-age");
    assertConfigError(builder(VECTOR_TIME).separator('x'), "separator");
  }

  private static void assertConfigError(SrsRewriter.Builder builder, String mentioned) {
    assertThatThrownBy(builder::build)
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining(mentioned);
  }
}
