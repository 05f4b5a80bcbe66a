package org.postern.bench.micro;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.postern.dkim.crypto.RsaProvider;
import org.postern.dkim.dns.StaticKeyLookup;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.keys.SigningKey;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.signing.DkimSigner;
import org.postern.dkim.signing.SigningException;
import org.postern.dkim.signing.SigningSession;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;
import org.postern.dkim.verification.DkimVerifier;
import org.postern.dkim.verification.VerificationSession;

/**
 * DKIM rsa-sha256 (2048-bit key, relaxed/relaxed) signing and verification of a whole message
 * (headers, streamed body, signature) for a 2 KiB and a 100 KiB message, next to the raw {@code
 * SHA256withRSA} sign and verify of a header-sized input in the same run, each on the JDK's
 * provider and on the native one DKIM prefers: the raw rate of a provider is the ceiling the DKIM
 * rate on that provider is compared with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DkimBenchmark {
  private static final String DOMAIN = "example.org";
  private static final String SELECTOR = "bench";

  /** Message size in bytes, headers included. */
  @Param({"2048", "102400"})
  public int size;

  /** Where RSA runs: {@code NATIVE} (AWS-LC, DKIM's default where it loads) or {@code JDK}. */
  @Param({"NATIVE", "JDK"})
  public RsaProvider rsa;

  private KeyPair keys;
  private DkimSigner signer;
  private DkimVerifier verifier;
  private List<HeaderField> headers;
  private byte[] body;
  private List<HeaderField> signedHeaders;
  private byte[] rawInput;
  private byte[] rawSignature;
  private PrivateKey rawPrivateKey;
  private PublicKey rawPublicKey;

  /** A fresh key, a message of {@link #size} bytes and its signed form. */
  @Setup
  public void setUp() throws Exception {
    if (!rsa.available()) {
      throw new IllegalStateException(
          rsa + " RSA is not available: " + RsaProvider.nativeLoadingError().orElse("?"));
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    signer =
        DkimSigner.builder()
            .key(SigningKey.of(DOMAIN, SELECTOR, keys.getPrivate()))
            .rsaProvider(rsa)
            .build();
    verifier =
        DkimVerifier.builder(
                new StaticKeyLookup(
                    Map.of(
                        SELECTOR + "._domainkey." + DOMAIN,
                        List.of(DnsRecordText.value(keys.getPublic())))))
            .rsaProvider(rsa)
            .build();
    headers =
        List.of(
            new HeaderField("From", " Alice <alice@example.org>"),
            new HeaderField("To", " Bob <bob@example.net>"),
            new HeaderField("Subject", " a benchmark message of " + size + " bytes"),
            new HeaderField("Date", " Tue, 25 Nov 2025 10:00:00 +0000"),
            new HeaderField("Message-ID", " <bench-" + size + "@example.org>"),
            new HeaderField("MIME-Version", " 1.0"),
            new HeaderField("Content-Type", " text/plain; charset=utf-8"));
    int headerBytes = headers.stream().mapToInt(field -> field.rawBytes().length + 2).sum() + 2;
    body = body(Math.max(0, size - headerBytes));
    signedHeaders = new ArrayList<>(sign());
    signedHeaders.addAll(headers);
    if (verify().get(0).status() != DkimStatus.PASS) {
      throw new IllegalStateException("the benchmark message does not verify");
    }
    // What DKIM hands the JCA for this message: about the canonical signed headers.
    rawInput = new byte[700];
    new java.util.Random(1).nextBytes(rawInput);
    rawPrivateKey = rsa.adopt(keys.getPrivate());
    rawPublicKey = rsa.adopt(keys.getPublic());
    rawSignature = rawSign();
  }

  /** Signs the message: header fields, body hash, RSA signature. */
  @Benchmark
  public List<HeaderField> sign() throws SigningException {
    SigningSession session = signer.newSession();
    session.headers(headers);
    session.body(body);
    return session.finish();
  }

  /** Verifies the signed message: body hash, key record parse, RSA verification. */
  @Benchmark
  public List<DkimResult> verify() {
    VerificationSession session = verifier.newSession();
    signedHeaders.forEach(session::header);
    session.body(body, 0, body.length);
    return session.finish().toCompletableFuture().join();
  }

  /** The raw SHA256withRSA signature of 700 bytes with the same key, on the same provider. */
  @Benchmark
  public byte[] rawSign() throws Exception {
    Signature signature = rsa.signature("SHA256withRSA");
    signature.initSign(rawPrivateKey);
    signature.update(rawInput);
    return signature.sign();
  }

  /** The raw SHA256withRSA verification of that signature, on the same provider. */
  @Benchmark
  public boolean rawVerify() throws Exception {
    Signature signature = rsa.signature("SHA256withRSA");
    signature.initVerify(rawPublicKey);
    signature.update(rawInput);
    return signature.verify(rawSignature);
  }

  private static byte[] body(int length) {
    StringBuilder text = new StringBuilder(length + 80);
    int line = 0;
    while (text.length() < length) {
      text.append("Line ").append(line++).append(" of the benchmark body, plain ASCII text.\r\n");
    }
    text.setLength(length);
    if (length >= 2) {
      text.setCharAt(length - 2, '\r');
      text.setCharAt(length - 1, '\n');
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
