package org.postern.dkim;

import java.util.Locale;
import java.util.Optional;

/** DKIM signing algorithms: the {@code a=} tag values this library knows. */
public enum DkimAlgorithm {
  /** RFC 6376's default and the only one every receiver checks. */
  RSA_SHA256("rsa-sha256", "rsa", "sha256", "SHA-256"),
  /** Historic; verified and reported so local policy can decide. */
  RSA_SHA1("rsa-sha1", "rsa", "sha1", "SHA-1"),
  /** RFC 8463: Ed25519 over the SHA-256 of the header hash input. */
  ED25519_SHA256("ed25519-sha256", "ed25519", "sha256", "SHA-256");

  private final String tagValue;
  private final String keyType;
  private final String hashName;
  private final String digestAlgorithm;

  DkimAlgorithm(String tagValue, String keyType, String hashName, String digestAlgorithm) {
    this.tagValue = tagValue;
    this.keyType = keyType;
    this.hashName = hashName;
    this.digestAlgorithm = digestAlgorithm;
  }

  /** The {@code a=} value. */
  public String tagValue() {
    return tagValue;
  }

  /** The key record's {@code k=} value this algorithm needs. */
  public String keyType() {
    return keyType;
  }

  /** The hash name as a key record's {@code h=} lists it. */
  public String hashName() {
    return hashName;
  }

  /** The JCA message digest name. */
  public String digestAlgorithm() {
    return digestAlgorithm;
  }

  /** The algorithm for an {@code a=} value, if known. */
  public static Optional<DkimAlgorithm> fromTag(String value) {
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    for (DkimAlgorithm algorithm : values()) {
      if (algorithm.tagValue.equals(wanted)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
