package org.postern.dkim.canonicalization;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Canonicalises a streamed body and hashes it, optionally only its first {@code limit} canonical
 * bytes (a verifier's {@code l=}); remembers the full canonical length so callers can tell when
 * content past the limit was not covered.
 */
public final class BodyHasher {
  private final MessageDigest digest;
  private final long limit;
  private final BodyCanonicalizer canonicalizer;
  private long canonicalLength;
  private byte[] hash;

  /**
   * A hasher for the JCA digest {@code digestAlgorithm} ({@code SHA-256}, {@code SHA-1}); {@code
   * limit} is the number of canonical bytes to hash, or a negative number for all of them.
   */
  public BodyHasher(Canonicalization canonicalization, String digestAlgorithm, long limit) {
    try {
      this.digest = MessageDigest.getInstance(digestAlgorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without " + digestAlgorithm, e);
    }
    this.limit = limit;
    this.canonicalizer = canonicalization.body(this::accept);
  }

  /** Feeds raw body bytes. */
  public void update(byte[] bytes, int offset, int length) {
    canonicalizer.update(bytes, offset, length);
  }

  /** Ends the body and returns the hash (idempotent). */
  public byte[] finish() {
    if (hash == null) {
      canonicalizer.finish();
      hash = digest.digest();
    }
    return hash.clone();
  }

  /** Length of the whole canonical body, valid after {@link #finish()}. */
  public long canonicalLength() {
    return canonicalLength;
  }

  private void accept(byte[] bytes, int offset, int length) {
    long start = canonicalLength;
    canonicalLength += length;
    if (limit < 0) {
      digest.update(bytes, offset, length);
    } else if (start < limit) {
      digest.update(bytes, offset, (int) Math.min(length, limit - start));
    }
  }
}
