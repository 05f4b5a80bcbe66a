package org.postern.screen.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DnsblSiteTest {
  private static byte[] code(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }

  @Test
  void aRangeInTheLastOctetWithAWeight() {
    DnsblSite site = DnsblSite.parse("zen.spamhaus.org=127.0.0.[2..11]*3");
    assertThat(site.domain()).isEqualTo("zen.spamhaus.org");
    assertThat(site.weight()).isEqualTo(3);
    assertThat(site.accepts(code(127, 0, 0, 2))).isTrue();
    assertThat(site.accepts(code(127, 0, 0, 11))).isTrue();
    assertThat(site.accepts(code(127, 0, 0, 12))).isFalse();
    assertThat(site.accepts(code(127, 0, 1, 2))).isFalse();
  }

  @Test
  void noFilterAcceptsAnyReply() {
    DnsblSite site = DnsblSite.parse("bl.spamcop.net*2");
    assertThat(site.filter()).isEmpty();
    assertThat(site.weight()).isEqualTo(2);
    assertThat(site.accepts(code(127, 0, 0, 2))).isTrue();
  }

  @Test
  void weightDefaultsToOne() {
    assertThat(DnsblSite.parse("bl.example").weight()).isEqualTo(1);
    assertThat(DnsblSite.parse("BL.Example.").domain()).isEqualTo("bl.example");
  }

  @Test
  void negativeWeightAndRangesInSeveralOctets() {
    DnsblSite site = DnsblSite.parse("list.dnswl.org=127.0.[0..255].[1..3]*-5");
    assertThat(site.weight()).isEqualTo(-5);
    assertThat(site.isAllowlist()).isTrue();
    assertThat(site.accepts(code(127, 0, 200, 3))).isTrue();
    assertThat(site.accepts(code(127, 0, 200, 0))).isFalse();
  }

  @Test
  void alternativesInsideBracketsAndBetweenPatterns() {
    DnsblSite site = DnsblSite.parse("b.example=127.0.0.[2;4..5];127.0.1.1");
    assertThat(site.filter()).hasSize(2);
    assertThat(site.accepts(code(127, 0, 0, 2))).isTrue();
    assertThat(site.accepts(code(127, 0, 0, 3))).isFalse();
    assertThat(site.accepts(code(127, 0, 0, 5))).isTrue();
    assertThat(site.accepts(code(127, 0, 1, 1))).isTrue();
    assertThat(site.toString()).isEqualTo("b.example=127.0.0.[2;4..5];127.0.1.1");
  }

  @Test
  void badSitesNameThePositionAndTheProblem() {
    assertThatThrownBy(() -> DnsblSite.parse(""))
        .isInstanceOf(SiteSyntaxException.class)
        .hasMessageContaining("empty site");
    assertThatThrownBy(() -> DnsblSite.parse("zen.spamhaus.org=127.0.0"))
        .isInstanceOf(SiteSyntaxException.class)
        .hasMessageContaining("expected '.' between the 4 octets");
    assertThatThrownBy(() -> DnsblSite.parse("zen.spamhaus.org=127.0.0.256"))
        .isInstanceOf(SiteSyntaxException.class)
        .hasMessageContaining("256 is not an octet")
        .hasMessageContaining("character 26");
    assertThatThrownBy(() -> DnsblSite.parse("z.example=127.0.0.[11..2]"))
        .hasMessageContaining("runs backwards");
    assertThatThrownBy(() -> DnsblSite.parse("z.example=127.0.0.[2..11"))
        .hasMessageContaining("expected ']'");
    assertThatThrownBy(() -> DnsblSite.parse("z.example*x")).hasMessageContaining("integer weight");
    assertThatThrownBy(() -> DnsblSite.parse("z.example*2x"))
        .hasMessageContaining("unexpected 'x'");
    assertThatThrownBy(() -> DnsblSite.parse("bad..domain"))
        .hasMessageContaining("expected a domain name");
    assertThatThrownBy(() -> DnsblSite.parse("=127.0.0.2"))
        .hasMessageContaining("expected a domain name");
  }

  @Property
  void printedSitesParseBackEqual(@ForAll("sites") DnsblSite site) {
    assertThat(DnsblSite.parse(site.toString())).isEqualTo(site);
  }

  @Property
  void garbageIsATypedErrorOrASite(@ForAll String text) {
    try {
      DnsblSite site = DnsblSite.parse(text);
      assertThat(DnsblSite.parse(site.toString())).isEqualTo(site);
    } catch (SiteSyntaxException expected) {
      assertThat(expected.getMessage()).startsWith("bad DNSBL site");
    }
  }

  @Provide
  Arbitrary<DnsblSite> sites() {
    Arbitrary<String> label =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> domain = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    Arbitrary<OctetPattern.Range> range =
        Combinators.combine(
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255))
            .as((a, b) -> new OctetPattern.Range(Math.min(a, b), Math.max(a, b)));
    Arbitrary<OctetPattern> octet = range.list().ofMinSize(1).ofMaxSize(3).map(OctetPattern::new);
    Arbitrary<ReplyPattern> pattern = octet.list().ofSize(4).map(ReplyPattern::new);
    return Combinators.combine(
            domain, pattern.list().ofMaxSize(3), Arbitraries.integers().between(-100, 100))
        .as(DnsblSite::new);
  }
}
