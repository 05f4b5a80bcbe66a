package org.postern.srs;

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

class SrsAddressTest {
  @Test
  void splitsSrs0OnTheFirstSeparatorsOnly() throws Exception {
    assertThat(SrsAddress.parse("SRS0+vmyz=2W=otherdomain.com=a=b@c@example.com"))
        .isEqualTo(
            new SrsAddress.Srs0('+', "vmyz", "2W", "otherdomain.com", "a=b@c", "example.com"));
  }

  @Test
  void splitsSrs1KeepingTheFirstHopSeparator() throws Exception {
    SrsAddress parsed = SrsAddress.parse("srs1-Wf3a=hop1.org==vmyz=2W=otherdomain.com=test@x.org");
    assertThat(parsed)
        .isEqualTo(
            new SrsAddress.Srs1('-', "Wf3a", "hop1.org", "=vmyz=2W=otherdomain.com=test", "x.org"));
    assertThat(((SrsAddress.Srs1) parsed).firstHopAddress())
        .isEqualTo("SRS0=vmyz=2W=otherdomain.com=test@hop1.org");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user@example.com",
        "SRS0@example.com",
        "SRS0x1=2=3=4@example.com",
        "SRS0=a=b=c@example.com",
        "SRS0=a==c=d@example.com",
        "SRS1=a=b@example.com",
        "SRS1=a==c@example.com",
        "no-at-sign"
      })
  void refusesWhatIsNotAWholeSrsAddress(String address) {
    assertThatThrownBy(() -> SrsAddress.parse(address))
        .isInstanceOf(InvalidSrsAddressException.class);
  }

  @Provide
  Arbitrary<SrsAddress> addresses() {
    Arbitrary<Character> separator = Arbitraries.of('=', '+', '-');
    Arbitrary<String> token =
        Arbitraries.strings().withChars("abcXYZ0189+/_-.").ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> tail =
        Arbitraries.strings().withChars("abc=+-@.é").ofMinLength(1).ofMaxLength(20);
    Arbitrary<SrsAddress> srs0 =
        Combinators.combine(separator, token, token, token, tail, token)
            .as(SrsAddress.Srs0::new)
            .map(SrsAddress.class::cast);
    Arbitrary<SrsAddress> srs1 =
        Combinators.combine(separator, token, token, tail, token)
            .as(SrsAddress.Srs1::new)
            .map(SrsAddress.class::cast);
    return Arbitraries.oneOf(srs0, srs1);
  }

  @Property
  void formatThenParseRoundTrips(@ForAll("addresses") SrsAddress address) throws Exception {
    assertThat(SrsAddress.parse(address.format())).isEqualTo(address);
  }

  @Property
  void parseOfArbitraryTextOnlyThrowsTheTypedException(@ForAll String text) {
    try {
      SrsAddress parsed = SrsAddress.parse(text);
      assertThat(parsed.format()).isEqualTo(text.substring(0, 4).toUpperCase() + text.substring(4));
    } catch (InvalidSrsAddressException e) {
      assertThat(e).hasMessageNotContaining("null");
    }
  }
}
