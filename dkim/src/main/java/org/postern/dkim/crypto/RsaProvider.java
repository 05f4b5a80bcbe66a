package org.postern.dkim.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider RSA signing and verification run on. RSA-2048 signing is what limits how much
 * mail a DKIM signer passes, and the JDK's takes about four times as long as AWS-LC's (through
 * Amazon Corretto Crypto Provider), so the native one is preferred wherever its library loads.
 */
public enum RsaProvider {
  /** AWS-LC through Amazon Corretto Crypto Provider; available where its native library loads. */
  NATIVE,
  /** The JDK's own providers: always available. */
  JDK;

  /** System property that forces {@code jdk} (or asks for {@code native}, the default). */
  public static final String PROPERTY = "postern.dkim.crypto";

  private static final Logger LOG = LoggerFactory.getLogger(RsaProvider.class);

  /** The provider this JVM uses: native unless it does not load or the property says jdk. */
  public static RsaProvider preferred() {
    return Preferred.CHOICE;
  }

  /** Whether this provider can be used in this JVM. */
  public boolean available() {
    return this == JDK || NativeLibrary.ERROR == null;
  }

  /** A fresh {@link Signature} for a JCA algorithm name such as {@code SHA256withRSA}. */
  public Signature signature(String algorithm) throws NoSuchAlgorithmException {
    return this == JDK
        ? Signature.getInstance(algorithm)
        : Signature.getInstance(algorithm, nativeProvider());
  }

  /** An RSA key factory, so decoded keys come out in the form this provider works on fastest. */
  public KeyFactory keyFactory() throws NoSuchAlgorithmException {
    return this == JDK
        ? KeyFactory.getInstance("RSA")
        : KeyFactory.getInstance("RSA", nativeProvider());
  }

  /**
   * An RSA private key in this provider's own form; translating once per key, not per signature,
   * keeps the conversion off the signing path. Other keys are returned as they are.
   */
  public PrivateKey adopt(PrivateKey key) throws InvalidKeyException {
    return adopt(key, PrivateKey.class);
  }

  /** An RSA public key in this provider's own form; other keys are returned as they are. */
  public PublicKey adopt(PublicKey key) throws InvalidKeyException {
    return adopt(key, PublicKey.class);
  }

  private <K extends Key> K adopt(K key, Class<K> type) throws InvalidKeyException {
    if (this == JDK || !(key instanceof RSAKey)) {
      return key;
    }
    try {
      return type.cast(keyFactory().translateKey(key));
    } catch (NoSuchAlgorithmException e) {
      throw new InvalidKeyException("no RSA key factory in " + this, e);
    }
  }

  /** Why the native provider is not available, when it is not. */
  public static Optional<String> nativeLoadingError() {
    return Optional.ofNullable(NativeLibrary.ERROR).map(Throwable::toString);
  }

  /**
   * The choice for a value of {@link #PROPERTY}: {@code jdk} forces the JDK; anything else (an
   * unknown value is logged) prefers native when it is available.
   */
  static RsaProvider choose(String property, boolean nativeAvailable) {
    String wanted = property == null ? "" : property.strip().toLowerCase(Locale.ROOT);
    if (wanted.equals("jdk")) {
      return JDK;
    }
    if (!wanted.isEmpty() && !wanted.equals("native")) {
      LOG.warn("-D{}={} is neither native nor jdk; ignored", PROPERTY, property);
    }
    if (nativeAvailable) {
      return NATIVE;
    }
    if (wanted.equals("native")) {
      LOG.warn("native RSA asked for but unavailable, using the JDK: {}", NativeLibrary.ERROR);
    }
    return JDK;
  }

  private static Provider nativeProvider() throws NoSuchAlgorithmException {
    if (NativeLibrary.ERROR != null) {
      throw new NoSuchAlgorithmException(
          "the native RSA provider did not load", NativeLibrary.ERROR);
    }
    return AmazonCorrettoCryptoProvider.INSTANCE;
  }

  /** Loads the native library on first use only, and remembers why it failed. */
  private static final class NativeLibrary {
    static final Throwable ERROR = load();

    private static Throwable load() {
      try {
        AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable error = provider.getLoadingError();
        if (error != null) {
          return error;
        }
        provider.assertHealthy();
        // A real round trip: a provider that loads but cannot sign must not be chosen.
        selfTest(provider);
        return null;
      } catch (LinkageError | RuntimeException | GeneralSecurityException e) {
        return e;
      }
    }

    private static void selfTest(Provider provider) throws GeneralSecurityException {
      var generator = java.security.KeyPairGenerator.getInstance("RSA", provider);
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      byte[] data = {'d', 'k', 'i', 'm'};
      Signature signer = Signature.getInstance("SHA256withRSA", provider);
      signer.initSign(pair.getPrivate());
      signer.update(data);
      byte[] signed = signer.sign();
      // Checked by the JDK, so both sides agree on the format.
      Signature checker = Signature.getInstance("SHA256withRSA");
      checker.initVerify((PublicKey) KeyFactory.getInstance("RSA").translateKey(pair.getPublic()));
      checker.update(data);
      if (!checker.verify(signed)) {
        throw new GeneralSecurityException("native RSA self-test signature does not verify");
      }
    }
  }

  private static final class Preferred {
    static final RsaProvider CHOICE =
        choose(System.getProperty(PROPERTY), RsaProvider.NATIVE.available());

    static {
      if (CHOICE == NATIVE) {
        LOG.info(
            "DKIM RSA runs on AWS-LC (Amazon Corretto Crypto Provider {})",
            AmazonCorrettoCryptoProvider.INSTANCE.getVersionStr());
      } else {
        LOG.info(
            "DKIM RSA runs on the JDK{}",
            nativeLoadingError().map(error -> " (native provider: " + error + ")").orElse(""));
      }
    }
  }
}
