package org.postern.sieve.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * SieveMessage reads field names and values on demand; these tests hold it to a plain line-by-line
 * reading of the header (the {@link #reference} below).
 */
class SieveMessageTest {

  @Test
  void readsFoldedFieldsAndTheBody() {
    SieveMessage message =
        SieveMessage.parse(
            "Subject: one\r\n two \r\nX-A:\tx\r\nx-a: y\r\nbroken line\r\n\r\nbody\r\n");

    assertThat(message.headers())
        .containsExactly(
            new Header("Subject", "one two"), new Header("X-A", "x"), new Header("x-a", "y"));
    assertThat(message.rawHeaders("X-a")).containsExactly("x", "y");
    assertThat(message.rawHeaders("Subject")).containsExactly("one two");
    assertThat(message.rawHeaders("Missing")).isEmpty();
    assertThat(new String(message.body(), StandardCharsets.US_ASCII)).isEqualTo("body\r\n");
  }

  @Test
  void readsEightBitValuesAsUtf8WhenValidElseLatin1() {
    byte[] raw = {'A', ':', ' ', (byte) 0xC3, (byte) 0xA9, '\n', 'B', ':', (byte) 0xE9, '\n'};

    SieveMessage message = SieveMessage.parse(raw);

    assertThat(message.rawHeaders("a")).containsExactly("é");
    assertThat(message.rawHeaders("b")).containsExactly("\u00e9");
  }

  @Property(tries = 2000)
  void readsWhatALineByLineReadingReads(@ForAll("messages") byte[] raw) {
    SieveMessage message = SieveMessage.parse(raw);
    List<Header> expected = reference(raw);

    assertThat(message.headers()).isEqualTo(expected);
    for (Header header : expected) {
      List<String> values = new ArrayList<>();
      for (Header other : expected) {
        if (other.name().toLowerCase(Locale.ROOT).equals(header.name().toLowerCase(Locale.ROOT))) {
          values.add(other.value());
        }
      }
      assertThat(message.rawHeaders(header.name().toUpperCase(Locale.ROOT))).isEqualTo(values);
      assertThat(message.rawHeaders(header.name())).isEqualTo(values);
    }
    assertThat(message.size()).isEqualTo(raw.length);
    if (!expected.isEmpty()) {
      SieveMessage removed = message.withHeadersRemoved(Set.of(0));
      assertThat(removed.headers()).isEqualTo(expected.subList(1, expected.size()));
    }
  }

  @Provide
  Arbitrary<byte[]> messages() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.of("Subject", "subject", "X-Ä", " To", "From ", "", "\t")
                .flatMap(
                    name ->
                        Arbitraries.strings()
                            .withChars("ab: \t\r\u00e9\u00c3\u00a9=?")
                            .ofMaxLength(8)
                            .map(value -> name + ":" + value)),
            Arbitraries.strings().withChars("ab: \t\r").ofMaxLength(6));
    Arbitrary<String> end = Arbitraries.of("\r\n", "\n", "\r\r\n");
    return Arbitraries.entries(line, end)
        .list()
        .ofMaxSize(8)
        .map(
            lines -> {
              StringBuilder text = new StringBuilder();
              for (var entry : lines) {
                text.append(entry.getKey()).append(entry.getValue());
              }
              return text.toString();
            })
        .flatMap(
            text ->
                Arbitraries.of("", "\r\nbody\r\n", "x:y", "\n")
                    .map(tail -> (text + tail).getBytes(StandardCharsets.ISO_8859_1)));
  }

  // The header as read line by line: unfolded, names trimmed, values trimmed of blanks, 8-bit
  // values read as UTF-8 when valid.
  private static List<Header> reference(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    List<Header> headers = new ArrayList<>();
    int position = 0;
    String name = null;
    StringBuilder value = null;
    while (position < text.length()) {
      int end = text.indexOf('\n', position);
      int next = end < 0 ? text.length() : end + 1;
      String line = text.substring(position, end < 0 ? text.length() : end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && value != null) {
        value.append(line);
      } else {
        if (name != null) {
          headers.add(header(name, value));
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          name = null;
          value = null;
        } else {
          name = line.substring(0, colon).trim();
          value = new StringBuilder(line.substring(colon + 1));
        }
      }
      position = next;
    }
    if (name != null) {
      headers.add(header(name, value));
    }
    return headers;
  }

  private static Header header(String name, StringBuilder value) {
    String trimmed = value.toString();
    while (!trimmed.isEmpty() && " \t".indexOf(trimmed.charAt(0)) >= 0) {
      trimmed = trimmed.substring(1);
    }
    while (!trimmed.isEmpty() && " \t".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (!trimmed.chars().allMatch(c -> c < 0x80)) {
      String utf8 =
          new String(trimmed.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      if (!utf8.contains("\uFFFD")) {
        trimmed = utf8;
      }
    }
    return new Header(name, trimmed);
  }
}
