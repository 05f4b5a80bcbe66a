package org.postern.dkim.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postern.dkim.canonicalization.Canonicalization;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;

/** What relaxed canonicalisation must tolerate, and what any signature must not. */
class SignaturePropertiesTest {

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  @Provide
  Arbitrary<List<String>> lines() {
    return words()
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(ws -> String.join(" ", ws))
        .list()
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> whitespace() {
    return Arbitraries.of(" ", "  ", "\t", " \t ");
  }

  @Property(tries = 40)
  void relaxedToleratesWhitespaceChanges(
      @ForAll("words") String subject,
      @ForAll("lines") List<String> body,
      @ForAll("whitespace") String extra)
      throws Exception {
    String message = message("Subject: " + subject + " end", body);
    byte[] signed =
        SignAndVerifyTest.sign(
            SignAndVerifyTest.signer(Canonicalization.RELAXED, Canonicalization.RELAXED),
            message.getBytes(StandardCharsets.UTF_8));
    String text = new String(signed, StandardCharsets.ISO_8859_1);
    String reshaped =
        text.replace(
                    "Subject: " + subject + " end",
                    "subject:" + extra + subject + extra + "end" + extra)
                .replaceAll("(?m) (?=[a-z])", extra)
            + extra
            + "\r\n\r\n";
    // Only whitespace was touched outside the DKIM-Signature fields' base64, so both still pass.
    reshaped = restoreSignatureFields(text, reshaped);

    assertThat(SignAndVerifyTest.verify(reshaped.getBytes(StandardCharsets.ISO_8859_1)))
        .allMatch(result -> result.status() == DkimStatus.PASS, "pass");
  }

  @Property(tries = 40)
  void anyChangeToASignedHeaderBreaksTheSignature(
      @ForAll("words") String subject,
      @ForAll("words") String replacement,
      @ForAll boolean simple) {
    Assume.that(!subject.equals(replacement));
    Canonicalization canonicalization = simple ? Canonicalization.SIMPLE : Canonicalization.RELAXED;
    String message = message("Subject: [" + subject + "]", List.of("body"));
    try {
      byte[] signed =
          SignAndVerifyTest.sign(
              SignAndVerifyTest.signer(canonicalization, canonicalization),
              message.getBytes(StandardCharsets.UTF_8));
      String tampered =
          new String(signed, StandardCharsets.ISO_8859_1)
              .replace("Subject: [" + subject + "]", "Subject: [" + replacement + "]");
      List<DkimResult> results =
          SignAndVerifyTest.verify(tampered.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(results).hasSize(2).allMatch(result -> result.status() == DkimStatus.FAIL, "fail");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Property(tries = 20)
  void unchangedMessagesVerifyWithEitherCanonicalization(
      @ForAll("lines") List<String> body, @ForAll boolean simpleHeader, @ForAll boolean simpleBody)
      throws Exception {
    byte[] signed =
        SignAndVerifyTest.sign(
            SignAndVerifyTest.signer(
                simpleHeader ? Canonicalization.SIMPLE : Canonicalization.RELAXED,
                simpleBody ? Canonicalization.SIMPLE : Canonicalization.RELAXED),
            message("Subject: s", body).getBytes(StandardCharsets.UTF_8));

    assertThat(SignAndVerifyTest.verify(signed))
        .allMatch(result -> result.status() == DkimStatus.PASS, "pass");
  }

  private static String message(String subjectLine, List<String> body) {
    return "From: a@example.test\r\n"
        + subjectLine
        + "\r\nTo: b@example.net\r\n\r\n"
        + String.join("\r\n", body)
        + "\r\n";
  }

  /** Puts the original DKIM-Signature fields back (the whitespace edit must not touch them). */
  private static String restoreSignatureFields(String original, String reshaped) {
    int originalEnd = original.indexOf("\r\nFrom:");
    int reshapedEnd = reshaped.indexOf("\r\nFrom:");
    return original.substring(0, originalEnd) + reshaped.substring(reshapedEnd);
  }
}
