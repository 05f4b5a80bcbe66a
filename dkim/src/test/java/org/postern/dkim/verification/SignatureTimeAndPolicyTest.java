package org.postern.dkim.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postern.dkim.canonicalization.BodyHasher;
import org.postern.dkim.canonicalization.Canonicalization;
import org.postern.dkim.canonicalization.HeaderHashInput;
import org.postern.dkim.dns.StaticKeyLookup;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.message.HeaderField;

/** t= in the future, x= past or before t=, and what rsa-sha1 yields; signatures made by hand. */
class SignatureTimeAndPolicyTest {
  private static final KeyPair RSA = generate();
  private static final long NOW = Instant.parse("2025-06-01T00:00:00Z").getEpochSecond();
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String BODY = "Hello\r\n";
  private static final StaticKeyLookup DNS =
      new StaticKeyLookup(
          Map.of("sel._domainkey.example.test", List.of(DnsRecordText.value(RSA.getPublic()))));

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(1024);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A message signed with {@code algorithm} (rsa-sha256 or rsa-sha1) and the extra tags. */
  private static byte[] signed(String algorithm, String timeTags) throws Exception {
    boolean sha1 = algorithm.equals("rsa-sha1");
    BodyHasher body = new BodyHasher(Canonicalization.RELAXED, sha1 ? "SHA-1" : "SHA-256", -1);
    byte[] bodyBytes = BODY.getBytes(StandardCharsets.US_ASCII);
    body.update(bodyBytes, 0, bodyBytes.length);
    List<HeaderField> headers =
        List.of(new HeaderField("From", " a@example.test"), new HeaderField("Subject", " hi"));
    String unsigned =
        " v=1; a="
            + algorithm
            + "; c=relaxed/relaxed; d=example.test; s=sel; "
            + timeTags
            + "h=from:subject; bh="
            + Base64.getEncoder().encodeToString(body.finish())
            + "; b=";
    byte[] data =
        HeaderHashInput.build(
            Canonicalization.RELAXED,
            headers,
            List.of("from", "subject"),
            new HeaderField("DKIM-Signature", unsigned));
    Signature signature = Signature.getInstance(sha1 ? "SHA1withRSA" : "SHA256withRSA");
    signature.initSign(RSA.getPrivate());
    signature.update(data);
    String message =
        "DKIM-Signature:"
            + unsigned
            + Base64.getEncoder().encodeToString(signature.sign())
            + "\r\nFrom: a@example.test\r\nSubject: hi\r\n\r\n"
            + BODY;
    return message.getBytes(StandardCharsets.US_ASCII);
  }

  private static DkimResult verify(DkimVerifier.Builder builder, byte[] message) throws Exception {
    List<DkimResult> results =
        builder
            .clock(CLOCK)
            .build()
            .verify(new ByteArrayInputStream(message))
            .toCompletableFuture()
            .get();
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static DkimResult verify(byte[] message) throws Exception {
    return verify(DkimVerifier.builder(DNS), message);
  }

  @Test
  void aTimestampWithinTheClockSkewPasses() throws Exception {
    assertThat(verify(signed("rsa-sha256", "t=" + (NOW + 300) + "; ")).status())
        .isEqualTo(DkimStatus.PASS);
    assertThat(verify(signed("rsa-sha256", "t=" + (NOW - 86400) + "; ")).status())
        .isEqualTo(DkimStatus.PASS);
  }

  @Test
  void aTimestampFurtherInTheFutureFailsNamingDomainAndSelector() throws Exception {
    DkimResult result = verify(signed("rsa-sha256", "t=" + (NOW + 301) + "; "));

    assertThat(result.status()).isEqualTo(DkimStatus.FAIL);
    assertThat(result.reason()).contains("future");
    assertThat(result.domain()).isEqualTo("example.test");
    assertThat(result.selector()).isEqualTo("sel");
  }

  @Test
  void theClockSkewIsConfigurable() throws Exception {
    byte[] message = signed("rsa-sha256", "t=" + (NOW + 3600) + "; ");
    assertThat(verify(message).status()).isEqualTo(DkimStatus.FAIL);
    assertThat(verify(DkimVerifier.builder(DNS).clockSkew(Duration.ofHours(2)), message).status())
        .isEqualTo(DkimStatus.PASS);
    assertThat(
            verify(
                    DkimVerifier.builder(DNS).clockSkew(Duration.ZERO),
                    signed("rsa-sha256", "t=" + (NOW + 1) + "; "))
                .status())
        .isEqualTo(DkimStatus.FAIL);
  }

  @Test
  void anExpiredSignatureFailsAfterTheSkew() throws Exception {
    String time = "t=" + (NOW - 7200) + "; x=";
    assertThat(verify(signed("rsa-sha256", time + (NOW - 299) + "; ")).status())
        .isEqualTo(DkimStatus.PASS);
    DkimResult expired = verify(signed("rsa-sha256", time + (NOW - 301) + "; "));
    assertThat(expired.status()).isEqualTo(DkimStatus.FAIL);
    assertThat(expired.reason()).isEqualTo("signature expired");
  }

  @Test
  void expiryBeforeTheTimestampIsPermerror() throws Exception {
    DkimResult result =
        verify(signed("rsa-sha256", "t=" + (NOW - 10) + "; x=" + (NOW - 20) + "; "));

    assertThat(result.status()).isEqualTo(DkimStatus.PERMERROR);
    assertThat(result.reason()).contains("x= is before t=");
  }

  @Test
  void hugeTimesDoNotOverflow() throws Exception {
    String huge = "99999999999999999999999";
    assertThat(verify(signed("rsa-sha256", "x=" + huge + "; ")).status())
        .isEqualTo(DkimStatus.PASS);
    assertThat(verify(signed("rsa-sha256", "t=" + huge + "; ")).status())
        .isEqualTo(DkimStatus.FAIL);
  }

  @Test
  void resultsSoFarNameTheSignatureWhoseKeyNeverCame() throws Exception {
    byte[] message = signed("rsa-sha256", "");
    String twoSignatures =
        new String(message, StandardCharsets.US_ASCII)
            .replaceFirst("DKIM-Signature:", "DKIM-Signature: v=2; broken\r\nDKIM-Signature:");
    DkimVerifier verifier =
        DkimVerifier.builder(name -> new java.util.concurrent.CompletableFuture<>())
            .clock(CLOCK)
            .build();
    VerificationSession session = verifier.newSession();
    java.io.InputStream in =
        new java.io.BufferedInputStream(
            new ByteArrayInputStream(twoSignatures.getBytes(StandardCharsets.US_ASCII)));
    for (HeaderField field : org.postern.dkim.message.MessageReader.readHeaders(in)) {
      session.header(field);
    }
    byte[] body = in.readAllBytes();
    session.body(body, 0, body.length);

    assertThat(session.finish().toCompletableFuture().isDone()).isFalse();
    List<DkimResult> results = session.resultsSoFar("key lookup timed out");

    assertThat(results).hasSize(2);
    assertThat(results.get(0).status()).isEqualTo(DkimStatus.PERMERROR);
    assertThat(results.get(1).status()).isEqualTo(DkimStatus.TEMPERROR);
    assertThat(results.get(1).reason()).isEqualTo("key lookup timed out");
    assertThat(results.get(1).domain()).isEqualTo("example.test");
    assertThat(results.get(1).selector()).isEqualTo("sel");
    assertThat(DkimAuthenticationResults.of(results.get(1)).properties())
        .extracting(property -> property.name() + "=" + property.value())
        .contains("d=example.test", "s=sel");
  }

  @ParameterizedTest
  @EnumSource(
      value = DkimStatus.class,
      names = {"PASS", "POLICY", "FAIL"})
  void rsaSha1YieldsTheConfiguredResult(DkimStatus status) throws Exception {
    byte[] message = signed("rsa-sha1", "");

    DkimResult result = verify(DkimVerifier.builder(DNS).rsaSha1Status(status), message);

    assertThat(result.status()).isEqualTo(status);
  }
}
