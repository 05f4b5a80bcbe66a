package org.postern.dkim.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaProviderTest {
  private static KeyPair keys;
  private static final byte[] DATA =
      "from:Alice <alice@example.org>\r\n".getBytes(StandardCharsets.US_ASCII);

  @BeforeAll
  static void generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  @Test
  void nativeLoadsOnLinuxX86AndArm() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    boolean shipped = os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"));
    assumeTrue(shipped, "the native library is shipped for Linux x86_64 and aarch64 only");
    assertThat(RsaProvider.nativeLoadingError()).isEmpty();
    assertThat(RsaProvider.NATIVE.available()).isTrue();
    assertThat(RsaProvider.choose(null, RsaProvider.NATIVE.available()))
        .isEqualTo(RsaProvider.NATIVE);
  }

  @Test
  void propertyForcesTheJdkAndOtherwiseNativeWinsWhereItLoads() {
    for (boolean loads : new boolean[] {true, false}) {
      RsaProvider best = loads ? RsaProvider.NATIVE : RsaProvider.JDK;
      assertThat(RsaProvider.choose("jdk", loads)).isEqualTo(RsaProvider.JDK);
      assertThat(RsaProvider.choose(" JDK ", loads)).isEqualTo(RsaProvider.JDK);
      assertThat(RsaProvider.choose("native", loads)).isEqualTo(best);
      assertThat(RsaProvider.choose("openssl", loads)).isEqualTo(best);
      assertThat(RsaProvider.choose("", loads)).isEqualTo(best);
      assertThat(RsaProvider.choose(null, loads)).isEqualTo(best);
    }
  }

  @Test
  void signaturesOfEitherProviderVerifyWithTheOther() throws Exception {
    assumeTrue(RsaProvider.NATIVE.available());
    for (String algorithm : new String[] {"SHA256withRSA", "SHA1withRSA"}) {
      byte[] nativeSigned = sign(RsaProvider.NATIVE, algorithm);
      byte[] jdkSigned = sign(RsaProvider.JDK, algorithm);
      // PKCS#1 v1.5 is deterministic: the same key and data give the same bytes.
      assertThat(nativeSigned).isEqualTo(jdkSigned);
      assertThat(verify(RsaProvider.JDK, algorithm, nativeSigned, DATA)).isTrue();
      assertThat(verify(RsaProvider.NATIVE, algorithm, jdkSigned, DATA)).isTrue();
      byte[] changed = DATA.clone();
      changed[0] ^= 1;
      assertThat(verify(RsaProvider.NATIVE, algorithm, jdkSigned, changed)).isFalse();
    }
  }

  @Test
  void adoptedKeysKeepTheirNumbers() throws Exception {
    for (RsaProvider provider : RsaProvider.values()) {
      if (!provider.available()) {
        continue;
      }
      PrivateKey adoptedPrivate = provider.adopt(keys.getPrivate());
      PublicKey adoptedPublic = provider.adopt(keys.getPublic());
      RSAPrivateCrtKey original = (RSAPrivateCrtKey) keys.getPrivate();
      assertThat(adoptedPrivate).isInstanceOf(RSAPrivateCrtKey.class);
      assertThat(((RSAPrivateCrtKey) adoptedPrivate).getModulus()).isEqualTo(original.getModulus());
      assertThat(((RSAPrivateCrtKey) adoptedPrivate).getPrivateExponent())
          .isEqualTo(original.getPrivateExponent());
      assertThat(((RSAPublicKey) adoptedPublic).getModulus()).isEqualTo(original.getModulus());
      assertThat(adoptedPublic.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    }
  }

  @Test
  void nonRsaKeysAreLeftAsTheyAre() throws Exception {
    KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    for (RsaProvider provider : RsaProvider.values()) {
      assertThat(provider.adopt(ed25519.getPrivate())).isSameAs(ed25519.getPrivate());
      assertThat(provider.adopt(ed25519.getPublic())).isSameAs(ed25519.getPublic());
    }
  }

  private static byte[] sign(RsaProvider provider, String algorithm) throws Exception {
    Signature signature = provider.signature(algorithm);
    signature.initSign(provider.adopt(keys.getPrivate()));
    signature.update(DATA);
    return signature.sign();
  }

  private static boolean verify(RsaProvider provider, String algorithm, byte[] signed, byte[] data)
      throws Exception {
    Signature signature = provider.signature(algorithm);
    signature.initVerify(provider.adopt(keys.getPublic()));
    signature.update(data);
    return signature.verify(signed);
  }
}
