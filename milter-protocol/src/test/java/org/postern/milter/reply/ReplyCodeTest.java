package org.postern.milter.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyCodeTest {

  @Test
  void multiLineRepliesUseDashContinuationAndCrlf() {
    assertThat(ReplyCode.of(550, "5.7.1", "line1", "line2").wireText())
        .isEqualTo("550-5.7.1 line1\r\n550 5.7.1 line2");
    assertThat(ReplyCode.of(451, "4.7.1", "one").wireText()).isEqualTo("451 4.7.1 one");
  }

  @Test
  void percentIsDoubledOnTheWireAndRestoredWhenParsed() {
    ReplyCode reply = ReplyCode.of(550, "5.7.1", "50% spam", "%s is not a format");
    assertThat(reply.wireText()).isEqualTo("550-5.7.1 50%% spam\r\n550 5.7.1 %%s is not a format");
    assertThat(ReplyCode.parseWireText(reply.wireText())).isEqualTo(reply);
  }

  @Test
  void aLonePercentIsDroppedAsPostfixDoes() {
    assertThat(ReplyCode.parseWireText("550 5.7.1 a%b").lines()).containsExactly("ab");
  }

  @Property
  void anyTextSurvivesFormattingAndParsing(@ForAll("lines") List<String> lines) {
    ReplyCode reply = new ReplyCode(554, "5.7.0", lines);
    assertThat(ReplyCode.parseWireText(reply.wireText())).isEqualTo(reply);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "250 2.0.0 ok",
        "550 rejected",
        "550 4.7.1 class mismatch",
        "550-5.7.1 a",
        "550 5.7.1 a\r\n550 5.7.1 b",
        "550-5.7.1 a\r\n551 5.7.1 b"
      })
  void malformedWireTextIsRefused(String text) {
    assertThatThrownBy(() -> ReplyCode.parseWireText(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theConstructorRefusesWhatPostfixWouldRefuse() {
    assertThatThrownBy(() -> ReplyCode.of(250, "2.0.0", "ok"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplyCode.of(550, "4.7.1", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplyCode.of(550, "5.7.1", "a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplyCode.of(550, "5.7.1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<List<String>> lines() {
    return Arbitraries.strings()
        .withCharRange('\u0001', '\u00ff')
        .excludeChars('\r', '\n')
        .ofMaxLength(80)
        .list()
        .ofMinSize(1)
        .ofMaxSize(ReplyCode.MAX_LINES);
  }
}
