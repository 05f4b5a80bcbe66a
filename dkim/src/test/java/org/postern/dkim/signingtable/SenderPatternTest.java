package org.postern.dkim.signingtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SenderPatternTest {

  @Test
  void theFourFormsParseAndMatchIgnoringCase() throws Exception {
    SenderPattern address = SenderPattern.parse("Alice@Example.ORG");
    assertThat(address.kind()).isEqualTo(SenderPattern.Kind.ADDRESS);
    assertThat(address.matches("alice@example.org.")).isTrue();
    assertThat(address.matches("bob@example.org")).isFalse();

    SenderPattern domain = SenderPattern.parse("*@example.org");
    assertThat(domain.matches("bob@EXAMPLE.org")).isTrue();
    assertThat(domain.matches("bob@sub.example.org")).isFalse();

    SenderPattern subdomains = SenderPattern.parse("*@*.example.org");
    assertThat(subdomains.matches("bob@sub.example.org")).isTrue();
    assertThat(subdomains.matches("bob@a.b.example.org")).isTrue();
    assertThat(subdomains.matches("bob@example.org")).isFalse();
    assertThat(subdomains.matches("bob@badexample.org")).isFalse();

    SenderPattern any = SenderPattern.parse("*");
    assertThat(any.matches("whoever@wherever.example")).isTrue();
    assertThat(any).hasToString("*");
    assertThat(address).hasToString("alice@example.org");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "example.org",
        "*@*",
        "**",
        "a*@example.org",
        "*a@example.org",
        "alice@*.example.org",
        "*@ex*ample.org",
        "*@example..org",
        "*@-example.org",
        "*@example.org-",
        "*@*.",
        "@example.org",
        "al ice@example.org",
        "a@b@example.org",
        "*@exa_mple.org"
      })
  void malformedPatternsAreTypedErrors(String text) {
    assertThatThrownBy(() -> SenderPattern.parse(text))
        .isInstanceOf(InvalidSenderPatternException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void withinTellsWhetherAnIdentityMayNameTheSender() throws Exception {
    assertThat(SenderPattern.parse("*@*.example.org").within("example.org")).isTrue();
    assertThat(SenderPattern.parse("alice@mail.example.org").within("example.org")).isTrue();
    assertThat(SenderPattern.parse("*@example.org").within("mail.example.org")).isFalse();
    assertThat(SenderPattern.parse("*@example.net").within("example.org")).isFalse();
    assertThat(SenderPattern.parse("*").within("example.org")).isFalse();
  }

  @Property
  void garbageIsEitherAPatternOrATypedError(@ForAll("garbage") String text) {
    try {
      SenderPattern pattern = SenderPattern.parse(text);
      assertThat(SenderPattern.parse(pattern.toString())).isEqualTo(pattern);
    } catch (InvalidSenderPatternException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property
  void writtenPatternsRoundTrip(@ForAll("patterns") String text) throws Exception {
    SenderPattern pattern = SenderPattern.parse(text);
    assertThat(SenderPattern.parse(pattern.toString())).isEqualTo(pattern);
    assertThat(pattern.toString()).isEqualToIgnoringCase(text);
  }

  @Property
  void aSubdomainPatternMatchesExactlyTheStrictSubdomains(
      @ForAll("labels") String local,
      @ForAll("domains") String parent,
      @ForAll("domains") String other)
      throws Exception {
    SenderPattern pattern = SenderPattern.parse("*@*." + parent);
    assertThat(pattern.matches(local + "@" + other + "." + parent)).isTrue();
    assertThat(pattern.matches(local + "@" + parent)).isFalse();
    String address = local + "@" + other;
    assertThat(pattern.matches(address)).isEqualTo(other.endsWith("." + parent));
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("*@.-aZ9 _\t").ofMaxLength(20));
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> domains() {
    return labels().list().ofMinSize(1).ofMaxSize(4).map(list -> String.join(".", list));
  }

  @Provide
  Arbitrary<String> patterns() {
    Arbitrary<String> local =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("._+-")
            .ofMinLength(1)
            .ofMaxLength(8)
            .filter(text -> !text.isEmpty());
    return Arbitraries.oneOf(
        Arbitraries.just("*"),
        domains().map(domain -> "*@" + domain),
        domains().map(domain -> "*@*." + domain),
        Combinators.combine(local, domains()).as((l, d) -> l + "@" + d.toUpperCase()));
  }
}
