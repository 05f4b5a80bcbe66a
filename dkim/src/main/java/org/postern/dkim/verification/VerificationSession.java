package org.postern.dkim.verification;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.postern.dkim.DkimAlgorithm;
import org.postern.dkim.canonicalization.BodyHasher;
import org.postern.dkim.canonicalization.HeaderHashInput;
import org.postern.dkim.crypto.RsaProvider;
import org.postern.dkim.dns.TemporaryLookupException;
import org.postern.dkim.dns.TxtRecords;
import org.postern.dkim.keys.InvalidKeyRecordException;
import org.postern.dkim.keys.KeyRecord;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.signing.SignatureFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies one message: feed the header fields, then the body in chunks, then {@link #finish()}.
 * Key lookups start when the body starts, so DNS overlaps with hashing; signatures sharing
 * canonicalisation, hash and {@code l=} share one body hasher.
 */
public final class VerificationSession {
  private static final Logger LOG = LoggerFactory.getLogger(VerificationSession.class);

  private final DkimVerifier verifier;
  private final List<HeaderField> headers = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  private final List<DkimResult> early = new ArrayList<>();
  private final Map<String, BodyHasher> hashers = new HashMap<>();
  private boolean bodyStarted;
  private boolean finished;
  // Published once by finish(), read by whoever stops waiting (another thread).
  private volatile List<CompletableFuture<DkimResult>> results = List.of();

  VerificationSession(DkimVerifier verifier) {
    this.verifier = verifier;
  }

  /** Adds the next header field, in message order. */
  public void header(HeaderField field) {
    if (bodyStarted) {
      throw new IllegalStateException("header after body");
    }
    headers.add(field);
  }

  /** Feeds raw body bytes (CRLF or bare LF line ends). */
  public void body(byte[] bytes, int offset, int length) {
    startBody();
    for (BodyHasher hasher : hashers.values()) {
      hasher.update(bytes, offset, length);
    }
  }

  /** Ends the message; completes with one result per checked signature, or one NONE result. */
  public CompletionStage<List<DkimResult>> finish() {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    startBody();
    if (pending.isEmpty() && early.isEmpty()) {
      return CompletableFuture.completedFuture(List.of(noSignature()));
    }
    List<CompletableFuture<DkimResult>> results = new ArrayList<>();
    early.forEach(result -> results.add(CompletableFuture.completedFuture(result)));
    for (Pending signature : pending) {
      BodyHasher hasher = signature.hasher;
      byte[] bodyHash = hasher.finish();
      long canonicalLength = hasher.canonicalLength();
      results.add(
          signature
              .key
              .handleAsync(
                  (records, failure) ->
                      check(signature, records, failure, bodyHash, canonicalLength),
                  verifier.executor())
              .toCompletableFuture());
    }
    this.results = List.copyOf(results);
    return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
  }

  /**
   * After {@link #finish()}, when the caller stops waiting: the results known so far, and for each
   * signature still waiting for its key a {@link DkimStatus#TEMPERROR} with {@code reason} that
   * still names its {@code d=} and {@code s=}.
   */
  public List<DkimResult> resultsSoFar(String reason) {
    if (!finished) {
      throw new IllegalStateException("not finished");
    }
    List<CompletableFuture<DkimResult>> results = this.results;
    if (results.isEmpty()) {
      return List.of(noSignature());
    }
    List<DkimResult> known = new ArrayList<>();
    int earlyCount = early.size();
    for (int i = 0; i < results.size(); i++) {
      CompletableFuture<DkimResult> result = results.get(i);
      if (result.isDone() && !result.isCompletedExceptionally()) {
        known.add(result.join());
      } else if (i >= earlyCount) {
        known.add(pending.get(i - earlyCount).signature.result(DkimStatus.TEMPERROR, reason));
      }
    }
    return known;
  }

  private static DkimResult noSignature() {
    return new DkimResult(
        DkimStatus.NONE, "", "", Optional.empty(), "", "", OptionalLong.empty(), "no signature");
  }

  private void startBody() {
    if (bodyStarted) {
      return;
    }
    bodyStarted = true;
    int seen = 0;
    for (HeaderField field : headers) {
      if (!field.is(SignatureFields.NAME)) {
        continue;
      }
      if (++seen > verifier.maxSignatures()) {
        LOG.debug("ignoring DKIM signature beyond the first {}", verifier.maxSignatures());
        continue;
      }
      try {
        ParsedSignature signature = ParsedSignature.parse(field, verifier.acceptDraftSignatures());
        Optional<String> outOfTime = outOfTime(signature);
        if (outOfTime.isPresent()) {
          // No key lookup: the signature fails whatever the key says.
          early.add(signature.result(DkimStatus.FAIL, outOfTime.get()));
          continue;
        }
        long limit = signature.bodyLength().orElse(-1);
        String hasherKey =
            signature.bodyCanonicalization()
                + "/"
                + signature.algorithm().digestAlgorithm()
                + "/"
                + limit;
        BodyHasher hasher =
            hashers.computeIfAbsent(
                hasherKey,
                key ->
                    new BodyHasher(
                        signature.bodyCanonicalization(),
                        signature.algorithm().digestAlgorithm(),
                        limit));
        CompletionStage<TxtRecords> key =
            verifier.keyLookup().lookup(signature.selector(), signature.domain());
        pending.add(new Pending(signature, hasher, key));
      } catch (InvalidSignatureException e) {
        early.add(ParsedSignature.describe(field, DkimStatus.PERMERROR, e.getMessage()));
      }
    }
  }

  /**
   * Why the signature is outside its validity, allowing for clock skew: {@code t=} in the future
   * (RFC 6376 3.5 lets verifiers refuse it) or {@code x=} past (6.1.1).
   */
  private Optional<String> outOfTime(ParsedSignature signature) {
    long now = verifier.clock().instant().getEpochSecond();
    long skew = verifier.clockSkew().toSeconds();
    if (signature.timestamp().isPresent() && signature.timestamp().getAsLong() - skew > now) {
      return Optional.of("signature timestamp t= is in the future");
    }
    if (signature.expiration().isPresent() && signature.expiration().getAsLong() < now - skew) {
      return Optional.of("signature expired");
    }
    return Optional.empty();
  }

  private DkimResult check(
      Pending pendingSignature,
      TxtRecords records,
      Throwable failure,
      byte[] bodyHash,
      long canonicalLength) {
    ParsedSignature signature = pendingSignature.signature;
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof TemporaryLookupException) {
        return signature.result(DkimStatus.TEMPERROR, "key lookup: " + cause.getMessage());
      }
      return signature.result(DkimStatus.TEMPERROR, "key lookup failed: " + cause);
    }
    if (records.texts().isEmpty()) {
      return signature.result(DkimStatus.PERMERROR, "no key for signature");
    }
    if (records.texts().size() > 1) {
      return signature.result(DkimStatus.PERMERROR, "more than one key record");
    }
    KeyRecord record;
    try {
      record = KeyRecord.parse(records.texts().get(0));
    } catch (InvalidKeyRecordException e) {
      return signature.result(DkimStatus.PERMERROR, e.getMessage());
    }
    Optional<DkimResult> unusable = checkKey(signature, record);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    if (signature.bodyLength().isPresent()
        && canonicalLength < signature.bodyLength().getAsLong()) {
      return signature.result(DkimStatus.FAIL, "body shorter than l=");
    }
    if (!MessageDigest.isEqual(signature.bodyHash(), bodyHash)) {
      return signature.result(DkimStatus.FAIL, "body hash did not verify");
    }
    HeaderField withoutData = HeaderHashInput.withoutSignatureData(signature.field());
    byte[] data =
        HeaderHashInput.build(
            signature.headerCanonicalization(), headers, signature.signedHeaders(), withoutData);
    boolean verified;
    try {
      verified =
          verify(
              verifier.rsaProvider(),
              signature.algorithm(),
              record.key().orElseThrow(),
              data,
              signature.signature());
    } catch (GeneralSecurityException e) {
      return signature.result(DkimStatus.PERMERROR, "key unusable: " + e.getMessage());
    }
    if (!verified) {
      return signature.result(DkimStatus.FAIL, "signature did not verify");
    }
    if (signature.algorithm() == DkimAlgorithm.RSA_SHA1
        && verifier.rsaSha1Status() != DkimStatus.PASS) {
      return signature.result(verifier.rsaSha1Status(), "rsa-sha1 not accepted");
    }
    List<String> notes = new ArrayList<>();
    if (signature.bodyLength().isPresent()
        && canonicalLength > signature.bodyLength().getAsLong()) {
      notes.add("body past l= not signed");
    }
    if (record.testing()) {
      notes.add("key in testing mode");
    }
    return signature.result(DkimStatus.PASS, String.join("; ", notes));
  }

  private Optional<DkimResult> checkKey(ParsedSignature signature, KeyRecord record) {
    DkimAlgorithm algorithm = signature.algorithm();
    if (record.key().isEmpty()) {
      return Optional.of(signature.result(DkimStatus.PERMERROR, "key revoked"));
    }
    if (!record.keyType().equals(algorithm.keyType())) {
      return Optional.of(
          signature.result(
              DkimStatus.PERMERROR,
              "key type k=" + record.keyType() + " does not match a=" + algorithm.tagValue()));
    }
    if (!record.allowsHash(algorithm.hashName())) {
      return Optional.of(
          signature.result(DkimStatus.PERMERROR, "key h= excludes " + algorithm.hashName()));
    }
    if (!record.allowsEmail()) {
      return Optional.of(signature.result(DkimStatus.PERMERROR, "key not for email (s=)"));
    }
    if (record.strictIdentity() && !signature.identityDomain().equals(signature.domain())) {
      return Optional.of(signature.result(DkimStatus.PERMERROR, "key t=s forbids an i= subdomain"));
    }
    PublicKey key = record.key().get();
    if (key instanceof RSAPublicKey rsa
        && rsa.getModulus().bitLength() < verifier.minimumRsaBits()) {
      return Optional.of(
          signature.result(
              DkimStatus.PERMERROR,
              "RSA key of " + rsa.getModulus().bitLength() + " bits is too short"));
    }
    return Optional.empty();
  }

  private static boolean verify(
      RsaProvider provider,
      DkimAlgorithm algorithm,
      PublicKey key,
      byte[] data,
      byte[] signatureBytes)
      throws GeneralSecurityException {
    Signature signature;
    switch (algorithm) {
      case ED25519_SHA256:
        signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(MessageDigest.getInstance("SHA-256").digest(data));
        break;
      case RSA_SHA1:
        signature = provider.signature("SHA1withRSA");
        signature.initVerify(key);
        signature.update(data);
        break;
      default:
        signature = provider.signature("SHA256withRSA");
        signature.initVerify(key);
        signature.update(data);
    }
    try {
      return signature.verify(signatureBytes);
    } catch (java.security.SignatureException e) {
      return false;
    }
  }

  /** A parsed signature waiting for its key and the end of the body. */
  private static final class Pending {
    final ParsedSignature signature;
    final BodyHasher hasher;
    final CompletionStage<TxtRecords> key;

    Pending(ParsedSignature signature, BodyHasher hasher, CompletionStage<TxtRecords> key) {
      this.signature = signature;
      this.hasher = hasher;
      this.key = key;
    }

    @Override
    public String toString() {
      return signature.toString();
    }
  }
}
