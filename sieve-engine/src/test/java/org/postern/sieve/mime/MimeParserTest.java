package org.postern.sieve.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.postern.sieve.message.SieveMessage;

class MimeParserTest {

  private static final String NESTED =
      "Subject: s\r\nContent-Type: multipart/mixed; boundary=\"out er\"\r\n\r\n"
          + "preamble\r\n--out er\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
          + "Content-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9 au lait\r\n"
          + "--out er\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n"
          + "--out er\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
          + "JVBERi0=\r\n--out er--\r\nepilogue\r\n";

  @Test
  void splitsNestedPartsAndDecodesTransferEncodingAndCharset() {
    MimePart root = MimeParser.parse(SieveMessage.parse(NESTED));
    assertThat(root.isMultipart()).isTrue();
    assertThat(new String(root.content(), StandardCharsets.ISO_8859_1))
        .isEqualTo("preamble\r\nepilogue\r\n");
    List<MimePart> parts = root.children();
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0).text()).isEqualTo("Café au lait");
    assertThat(parts.get(1).isMessage()).isTrue();
    assertThat(parts.get(1).children().get(0).header("subject")).isEqualTo("inner");
    assertThat(parts.get(1).children().get(0).text()).isEqualTo("inner body");
    assertThat(new String(parts.get(2).decodedContent(), StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
  }

  @Test
  void malformedContentTypeIsNeverText() {
    assertThat(ContentType.parse("text/plain/stupid", ContentType.TEXT_PLAIN).isText()).isFalse();
    assertThat(ContentType.parse(null, ContentType.TEXT_PLAIN).mediaType()).isEqualTo("text/plain");
    assertThat(ContentType.parse("Text/HTML; Charset=\"utf-8\"", null).parameters())
        .containsEntry("charset", "utf-8");
  }

  @Test
  void markupIsStrippedForVisibleText() {
    assertThat(MimeText.stripMarkup("<html><style>x{}</style><b>Hi</b> &amp; bye</html>"))
        .isEqualTo(" Hi & bye");
  }

  @Property(tries = 300)
  void garbageNeverThrows(@ForAll String body, @ForAll String boundary) {
    String message =
        "Content-Type: multipart/mixed; boundary=\""
            + boundary.replace("\"", "")
            + "\"\r\n\r\n"
            + body;
    MimePart root = MimeParser.parse(SieveMessage.parse(message));
    assertThat(root).isNotNull();
    root.children().forEach(MimePart::text);
  }
}
