package org.postern.dkim.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.postern.dkim.crypto.RsaProvider;

/** Decodes and encodes the {@code p=} value of DKIM key records. */
public final class PublicKeys {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
  static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private PublicKeys() {}

  /**
   * Decodes {@code p=}: RSA as SubjectPublicKeyInfo (or bare PKCS#1 RSAPublicKey, which some
   * publishers use), Ed25519 as the raw 32-byte key of RFC 8463.
   *
   * @throws InvalidKeyRecordException for an unknown key type or undecodable data
   */
  public static PublicKey decode(String keyType, String base64) throws InvalidKeyRecordException {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyRecordException("p= is not base64", e);
    }
    try {
      switch (keyType) {
        case "rsa":
          return decodeRsa(der);
        case "ed25519":
          if (der.length != 32) {
            throw new InvalidKeyRecordException("Ed25519 key of " + der.length + " bytes, not 32");
          }
          return KeyFactory.getInstance("Ed25519")
              .generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, der)));
        default:
          throw new InvalidKeyRecordException("unknown key type k=" + keyType);
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidKeyRecordException("undecodable " + keyType + " key: " + e.getMessage(), e);
    }
  }

  /** The {@code p=} value for a public key. */
  public static String encode(PublicKey key) {
    byte[] spki = key.getEncoded();
    if (key instanceof RSAPublicKey) {
      return Base64.getEncoder().encodeToString(spki);
    }
    return Base64.getEncoder()
        .encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
  }

  /** The {@code k=} value for a key. */
  public static String keyType(PublicKey key) {
    return key instanceof RSAPublicKey ? "rsa" : "ed25519";
  }

  private static PublicKey decodeRsa(byte[] der) throws GeneralSecurityException {
    // Decoded by the provider that verifies, so the key needs no conversion per signature.
    KeyFactory factory = RsaProvider.preferred().keyFactory();
    try {
      return factory.generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      // Not a SubjectPublicKeyInfo (providers differ in how they say so): try bare PKCS#1.
      org.bouncycastle.asn1.pkcs.RSAPublicKey pkcs1 =
          org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
      return factory.generatePublic(
          new RSAPublicKeySpec(pkcs1.getModulus(), pkcs1.getPublicExponent()));
    }
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] out = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, out, first.length, second.length);
    return out;
  }
}
