package org.postern.milter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.postern.milter.reply.MessageModification;

class MessageContentTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void splitsHeadersFoldsAndBodyAndNormalisesLineEndings() {
    MessageContent content =
        MessageContent.parse(bytes("Subject: a\n\tfolded\nFrom:x@y\n\nline1\nline2\r\n"));
    assertThat(content.headers())
        .containsExactly(
            new MessageContent.Header("Subject", " a\n\tfolded"),
            new MessageContent.Header("From", "x@y"));
    assertThat(new String(content.body(), StandardCharsets.ISO_8859_1))
        .isEqualTo("line1\r\nline2\r\n");
    assertThat(new String(content.toBytes(), StandardCharsets.ISO_8859_1))
        .isEqualTo("Subject: a\r\n\tfolded\r\nFrom:x@y\r\n\r\nline1\r\nline2\r\n");
  }

  @Test
  void refusesAHeaderLineWithoutName() {
    assertThatThrownBy(() -> MessageContent.parse(bytes("no colon here\n\nbody")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no colon here");
  }

  @Test
  void appliesHeaderAndBodyModificationsInOrder() {
    MessageContent content = MessageContent.parse(bytes("A: 1\r\nB: 2\r\nA: 3\r\n\r\nold\r\n"));
    MessageContent changed =
        content.apply(
            List.of(
                new MessageModification.InsertHeader(0, "Top", "t"),
                new MessageModification.AddHeader("End", "e"),
                new MessageModification.ChangeHeader(2, "a", "three"),
                new MessageModification.ChangeHeader(1, "B", ""),
                new MessageModification.AddRecipient("<x@y>"),
                new MessageModification.ReplaceBody(bytes("new ")),
                new MessageModification.ReplaceBody(bytes("body\r\n"))),
            false);
    assertThat(new String(changed.toBytes(), StandardCharsets.ISO_8859_1))
        .isEqualTo("Top: t\r\nA: 1\r\nA: three\r\nEnd: e\r\n\r\nnew body\r\n");
    MessageContent leading =
        content.apply(List.of(new MessageModification.AddHeader("X", " as-is")), true);
    assertThat(leading.headers().get(3)).isEqualTo(new MessageContent.Header("X", " as-is"));
  }

  @Property
  void parsingWhatWasWrittenGivesTheSameMessage(@ForAll("messages") MessageContent message) {
    assertThat(MessageContent.parse(message.toBytes())).isEqualTo(message);
  }

  @Property
  void anyBytesParseOrFailWithIllegalArgument(@ForAll byte[] garbage) {
    try {
      MessageContent parsed = MessageContent.parse(garbage);
      assertThat(parsed.headers()).allSatisfy(header -> assertThat(header.name()).isNotEmpty());
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageContaining("header");
    }
  }

  @Provide
  Arbitrary<MessageContent> messages() {
    Arbitrary<String> names =
        Arbitraries.strings()
            .withCharRange('!', '~')
            .excludeChars(':')
            .ofMinLength(1)
            .ofMaxLength(20);
    Arbitrary<String> lines = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
    Arbitrary<MessageContent.Header> headers =
        Combinators.combine(names, lines.list().ofMinSize(1).ofMaxSize(3))
            .as(
                (name, parts) -> {
                  List<String> folded = new ArrayList<>(parts);
                  for (int i = 1; i < folded.size(); i++) {
                    folded.set(i, "\t" + folded.get(i));
                  }
                  return new MessageContent.Header(name, String.join("\n", folded));
                });
    Arbitrary<byte[]> bodies =
        lines
            .list()
            .ofMaxSize(5)
            .map(body -> bytes(String.join("", body.stream().map(line -> line + "\r\n").toList())));
    return Combinators.combine(headers.list().ofMaxSize(6), bodies).as(MessageContent::new);
  }
}
