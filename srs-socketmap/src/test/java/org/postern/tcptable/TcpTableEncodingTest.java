package org.postern.tcptable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpTableEncodingTest {

  @Test
  void escapesPercentWhitespaceControlAndNonAsciiButNotPlus() {
    assertThat(TcpTableEncoding.encode("a+b=c@x.org")).isEqualTo("a+b=c@x.org");
    assertThat(TcpTableEncoding.encode("100% sure\t\n")).isEqualTo("100%25%20sure%09%0A");
    assertThat(TcpTableEncoding.encode("\u007f é")).isEqualTo("%7F%20%C3%A9");
  }

  @Test
  void decodesEitherCase() throws Exception {
    assertThat(TcpTableEncoding.decode("a%2bb%2Bc%c3%A9")).isEqualTo("a+b+cé");
  }

  @ParameterizedTest
  @ValueSource(strings = {"%", "%2", "abc%", "%zz", "%2g", "%%41", "%C3", "%FF%FE"})
  void refusesBadEscapesAndBadUtf8(String encoded) {
    assertThatThrownBy(() -> TcpTableEncoding.decode(encoded))
        .isInstanceOf(MalformedTcpTableMessageException.class);
  }

  @Property
  void decodeUndoesEncode(@ForAll String text) throws Exception {
    assertThat(TcpTableEncoding.decode(TcpTableEncoding.encode(text))).isEqualTo(text);
  }

  @Property
  void encodedTextIsPrintableAsciiWithoutSpaces(@ForAll String text) {
    assertThat(TcpTableEncoding.encode(text).chars()).allMatch(c -> c > ' ' && c < 127);
  }

  @Property
  void garbageDecodesOrFailsWithTheTypedError(@ForAll("garbage") String garbage) {
    try {
      TcpTableEncoding.decode(garbage);
    } catch (MalformedTcpTableMessageException expected) {
      assertThat(expected).hasMessageNotContaining("null");
    }
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.strings()
        .withChars("%0123456789abcdefABCDEFgxyz\u00e9\u0000 ")
        .ofMaxLength(12);
  }
}
