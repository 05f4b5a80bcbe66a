package org.postern.dkim.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postern.dkim.canonicalization.Canonicalization;
import org.postern.dkim.dns.StaticKeyLookup;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.message.MessageReader;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;
import org.postern.dkim.verification.DkimVerifier;

class SignAndVerifyTest {
  static final KeyPair RSA = generate("RSA", 1024);
  static final KeyPair ED25519 = generate("Ed25519", 0);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  static final String MESSAGE =
      "From: Alice <alice@example.test>\r\n"
          + "To: bob@example.net\r\n"
          + "Subject: Hello\r\n"
          + "\tfolded\r\n"
          + "Date: Wed, 1 Jan 2025 00:00:00 +0000\r\n"
          + "\r\n"
          + "Body  line\r\n"
          + "\r\n\r\n";

  static KeyPair generate(String algorithm, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (bits > 0) {
        generator.initialize(bits);
      }
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static StaticKeyLookup keys() {
    return new StaticKeyLookup(
        Map.of(
            "rsa._domainkey.example.test",
            List.of(DnsRecordText.value(RSA.getPublic())),
            "ed._domainkey.example.test",
            List.of(DnsRecordText.value(ED25519.getPublic()))));
  }

  static DkimSigner signer(Canonicalization header, Canonicalization body) {
    return DkimSigner.builder()
        .key(SigningKey.of("example.test", "rsa", RSA.getPrivate()))
        .key(SigningKey.of("example.test", "ed", ED25519.getPrivate()))
        .canonicalization(header, body)
        .clock(CLOCK)
        .build();
  }

  /** Signs a raw message and returns the signature fields prepended to it. */
  static byte[] sign(DkimSigner signer, byte[] message) throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(message);
    List<HeaderField> headers = MessageReader.readHeaders(in);
    SigningSession session = signer.newSession();
    session.headers(headers);
    session.body(in.readAllBytes());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HeaderField signature : session.finish()) {
      out.writeBytes(signature.rawBytes());
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(message);
    return out.toByteArray();
  }

  static List<DkimResult> verify(byte[] message) throws Exception {
    return DkimVerifier.builder(keys())
        .clock(CLOCK)
        .build()
        .verify(new ByteArrayInputStream(message))
        .toCompletableFuture()
        .get();
  }

  @ParameterizedTest
  @EnumSource(Canonicalization.class)
  void rsaAndEd25519SignaturesVerify(Canonicalization canonicalization) throws Exception {
    byte[] signed =
        sign(signer(canonicalization, canonicalization), MESSAGE.getBytes(StandardCharsets.UTF_8));

    List<DkimResult> results = verify(signed);

    assertThat(results).hasSize(2).allMatch(result -> result.status() == DkimStatus.PASS, "pass");
  }

  @Test
  void signatureFieldHasExpectedTagsAndNoBodyLength() throws Exception {
    DkimSigner signer =
        DkimSigner.builder()
            .key(SigningKey.of("example.test", "rsa", RSA.getPrivate()))
            .validity(Duration.ofDays(7))
            .clock(CLOCK)
            .build();
    String field =
        new String(sign(signer, MESSAGE.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)
            .split("\r\nFrom:")[0];
    String unfolded = field.replaceAll("\r\n\t", " ");

    assertThat(unfolded)
        .startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=rsa;")
        .contains("t=1735689600;", "x=" + (1735689600L + 7 * 86400) + ";")
        .doesNotContain(" l=");
    assertThat(unfolded.replace(" ", ""))
        .contains("h=from:from:reply-to:subject:subject:date:date:to:to:cc:");
    assertThat(field.split("\r\n")).allMatch(line -> line.length() <= 78, "lines fold at 78");
  }

  @Test
  void addedSecondFromBreaksOversignedSignature() throws Exception {
    byte[] signed =
        sign(
            signer(Canonicalization.RELAXED, Canonicalization.RELAXED),
            MESSAGE.getBytes(StandardCharsets.UTF_8));
    String tampered =
        new String(signed, StandardCharsets.ISO_8859_1)
            .replace("From: Alice", "From: Mallory <m@evil.test>\r\nFrom: Alice");

    assertThat(verify(tampered.getBytes(StandardCharsets.ISO_8859_1)))
        .allMatch(result -> result.status() == DkimStatus.FAIL, "fail");
  }

  @Test
  void bareLineFeedsSignLikeCrlf() throws Exception {
    String bareLf = MESSAGE.replace("\r\n", "\n");
    byte[] signed =
        sign(
            signer(Canonicalization.SIMPLE, Canonicalization.SIMPLE),
            bareLf.getBytes(StandardCharsets.UTF_8));
    String asCrlf =
        new String(signed, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");

    assertThat(verify(signed)).allMatch(result -> result.status() == DkimStatus.PASS, "pass");
    assertThat(verify(asCrlf.getBytes(StandardCharsets.ISO_8859_1)))
        .allMatch(result -> result.status() == DkimStatus.PASS, "pass");
  }

  @Test
  void utf8HeadersAndEmptyBodySurvive() throws Exception {
    String message = "From: Jürgen <j@example.test>\r\nSubject: Grüße\r\n\r\n";
    byte[] signed =
        sign(
            signer(Canonicalization.SIMPLE, Canonicalization.SIMPLE),
            message.getBytes(StandardCharsets.UTF_8));

    assertThat(verify(signed)).allMatch(result -> result.status() == DkimStatus.PASS, "pass");
  }

  @Test
  void expiredSignatureFails() throws Exception {
    DkimSigner signer =
        DkimSigner.builder()
            .key(SigningKey.of("example.test", "rsa", RSA.getPrivate()))
            .validity(Duration.ofSeconds(60))
            .clock(Clock.offset(CLOCK, Duration.ofDays(-1)))
            .build();
    byte[] signed = sign(signer, MESSAGE.getBytes(StandardCharsets.UTF_8));

    assertThat(verify(signed))
        .singleElement()
        .satisfies(
            result -> {
              assertThat(result.status()).isEqualTo(DkimStatus.FAIL);
              assertThat(result.reason()).contains("expired");
            });
  }

  @Test
  void builderRejectsHeadersWithoutFrom() {
    assertThatThrownBy(
            () ->
                DkimSigner.builder()
                    .key(SigningKey.of("example.test", "rsa", RSA.getPrivate()))
                    .headers(List.of("subject"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from");
  }
}
