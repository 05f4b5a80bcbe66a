package org.postern.dkim.keys;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import java.util.Objects;
import org.postern.dkim.DkimAlgorithm;
import org.postern.dkim.crypto.RsaProvider;

/**
 * A private key a domain signs with under one selector.
 *
 * @param domain the signing domain ({@code d=})
 * @param selector the selector ({@code s=})
 * @param algorithm {@link DkimAlgorithm#RSA_SHA256} or {@link DkimAlgorithm#ED25519_SHA256}
 * @param privateKey the JCA private key matching the algorithm
 */
public record SigningKey(
    String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey) {

  /** Validates that the key type matches the algorithm and that SHA-1 is not used to sign. */
  public SigningKey {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(privateKey, "privateKey");
    domain = domain.toLowerCase(Locale.ROOT);
    if (algorithm == DkimAlgorithm.RSA_SHA1) {
      throw new IllegalArgumentException("rsa-sha1 is for verification only");
    }
    boolean rsa = privateKey instanceof RSAPrivateKey;
    if (rsa != (algorithm == DkimAlgorithm.RSA_SHA256)) {
      throw new IllegalArgumentException(
          algorithm.tagValue() + " needs a " + algorithm.keyType() + " key");
    }
  }

  /**
   * This key with its private key in {@code provider}'s own form, converted once here rather than
   * at every signature; this key itself when the provider has nothing to convert.
   *
   * @throws InvalidKeyException when the provider cannot take the key
   */
  public SigningKey adoptedBy(RsaProvider provider) throws InvalidKeyException {
    PrivateKey adopted = provider.adopt(privateKey);
    return adopted == privateKey ? this : new SigningKey(domain, selector, algorithm, adopted);
  }

  /** A key whose algorithm follows from the key type (RSA → rsa-sha256, Ed25519). */
  public static SigningKey of(String domain, String selector, PrivateKey privateKey) {
    DkimAlgorithm algorithm =
        privateKey instanceof RSAPrivateKey
            ? DkimAlgorithm.RSA_SHA256
            : DkimAlgorithm.ED25519_SHA256;
    return new SigningKey(domain, selector, algorithm, privateKey);
  }

  @Override
  public String toString() {
    return "SigningKey[" + selector + "._domainkey." + domain + ", " + algorithm.tagValue() + "]";
  }
}
