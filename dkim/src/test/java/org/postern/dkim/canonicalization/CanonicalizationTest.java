package org.postern.dkim.canonicalization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postern.dkim.message.HeaderField;

class CanonicalizationTest {

  static String body(Canonicalization canonicalization, String input, int chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BodyCanonicalizer canonicalizer = canonicalization.body(out::write);
    byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < bytes.length; i += chunk) {
      canonicalizer.update(bytes, i, Math.min(chunk, bytes.length - i));
    }
    canonicalizer.finish();
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SIMPLE|''|\\r\\n",
        "RELAXED|''|''",
        "SIMPLE|\\r\\n\\r\\n|\\r\\n",
        "RELAXED|\\r\\n \\r\\n|''",
        "SIMPLE|a \\r\\n\\r\\n\\r\\n|a \\r\\n",
        "RELAXED|a  \\t b \\r\\n  \\r\\n|a b\\r\\n",
        "SIMPLE|no end|no end\\r\\n",
        "RELAXED|no end |no end\\r\\n",
        "SIMPLE|bare\\nlf\\n\\n|bare\\r\\nlf\\r\\n",
        "RELAXED|x\\r\\n\\r\\ny\\r\\n|x\\r\\n\\r\\ny\\r\\n",
        "SIMPLE|lone\\rcr\\r\\n|lone\\rcr\\r\\n",
        "RELAXED| lead\\r\\n| lead\\r\\n",
      })
  void bodyExamples(Canonicalization canonicalization, String input, String expected) {
    String in = unescape(input);
    for (int chunk : new int[] {1, 2, 3, 1000}) {
      assertThat(body(canonicalization, in, chunk))
          .as("chunk %d", chunk)
          .isEqualTo(unescape(expected));
    }
  }

  @Test
  void relaxedHeaderUnfoldsLowercasesAndTrims() {
    HeaderField field = new HeaderField("SubJect \t", " \t Hello\r\n \tWorld  \t");

    assertThat(Canonicalization.RELAXED.header(field)).isEqualTo("subject:Hello World\r\n");
    assertThat(Canonicalization.SIMPLE.header(field))
        .isEqualTo("SubJect \t: \t Hello\r\n \tWorld  \t\r\n");
  }

  @Test
  void eightBitHeaderOctetsArePreserved() {
    HeaderField field = HeaderField.ofText("Subject", " Grüße");

    assertThat(Canonicalization.RELAXED.header(field).getBytes(StandardCharsets.ISO_8859_1))
        .isEqualTo("subject:Grüße\r\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void headerHashInputTakesInstancesFromTheBottomAndSkipsMissingOnes() {
    List<HeaderField> headers =
        List.of(
            new HeaderField("From", " first"),
            new HeaderField("To", " t"),
            new HeaderField("From", " second"));
    HeaderField signature = new HeaderField("DKIM-Signature", " v=1; b=abc; bh=x");

    byte[] data =
        HeaderHashInput.build(
            Canonicalization.RELAXED,
            headers,
            List.of("from", "from", "from", "cc"),
            HeaderHashInput.withoutSignatureData(signature));

    assertThat(new String(data, StandardCharsets.ISO_8859_1))
        .isEqualTo("from:second\r\nfrom:first\r\ndkim-signature:v=1; b=; bh=x");
  }

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.strings().withChars(' ', '\t', '\r', '\n', 'a', 'b', 'é').ofMaxLength(60);
  }

  @Property
  void relaxedBodyIsIdempotent(@ForAll("bodies") String body) {
    String once = body(Canonicalization.RELAXED, body, 7);

    assertThat(body(Canonicalization.RELAXED, once, 5)).isEqualTo(once);
  }

  @Property
  void simpleBodyIsIdempotent(@ForAll("bodies") String body) {
    String once = body(Canonicalization.SIMPLE, body, 7);

    assertThat(body(Canonicalization.SIMPLE, once, 3)).isEqualTo(once);
  }

  @Property
  void chunkingNeverChangesTheResult(@ForAll("bodies") String body, @ForAll boolean relaxed) {
    Canonicalization canonicalization =
        relaxed ? Canonicalization.RELAXED : Canonicalization.SIMPLE;

    assertThat(body(canonicalization, body, 1)).isEqualTo(body(canonicalization, body, 64));
  }

  @Property
  void bodyMatchesTheRfcDefinition(@ForAll("longBodies") String body, @ForAll boolean relaxed) {
    Canonicalization canonicalization =
        relaxed ? Canonicalization.RELAXED : Canonicalization.SIMPLE;

    assertThat(body(canonicalization, body, 1000)).isEqualTo(rfc6376Body(body, relaxed));
  }

  @Provide
  Arbitrary<String> longBodies() {
    return Arbitraries.strings()
        .withChars(' ', ' ', ' ', '\t', '\r', '\n', 'a', 'b', 'c', 'é', '.')
        .ofMaxLength(400);
  }

  /**
   * RFC 6376 3.4.3 and 3.4.4 written line by line, with a bare LF as a line end: the model the
   * streaming canonicaliser must agree with.
   */
  private static String rfc6376Body(String body, boolean relaxed) {
    List<String> lines = new java.util.ArrayList<>(List.of(body.split("\r?\n", -1)));
    // A body ending in a line end leaves an empty last element that is not a line.
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    if (relaxed) {
      // \z, not $: $ also matches before a final bare CR, which is content here.
      lines.replaceAll(line -> line.replaceAll("[ \t]+", " ").replaceAll(" \\z", ""));
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      return relaxed ? "" : "\r\n";
    }
    return String.join("\r\n", lines) + "\r\n";
  }

  @Property
  void relaxedHeaderIsIdempotent(@ForAll("bodies") String value, @ForAll("names") String name) {
    String once = Canonicalization.relaxedHeader(name, value);
    int colon = once.indexOf(':');

    assertThat(Canonicalization.relaxedHeader(once.substring(0, colon), once.substring(colon + 1)))
        .isEqualTo(once);
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .withCharRange('A', 'z')
        .ofMinLength(1)
        .ofMaxLength(10)
        .filter(name -> name.chars().allMatch(Character::isLetter));
  }

  private static String unescape(String text) {
    return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
  }
}
