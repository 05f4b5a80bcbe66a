package org.postern.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.dkim.DkimAlgorithm;

class PrivateKeyFilesTest {
  @TempDir Path dir;

  @Test
  void writesRsaAsPkcs1WithOwnerOnlyModeAndReadsItBack() throws Exception {
    PrivateKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
    Path file = dir.resolve("sel.private");

    PrivateKeyFiles.write(file, key);

    assertThat(Files.readString(file)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(((RSAPrivateCrtKey) PrivateKeyFiles.load(file)).getModulus())
        .isEqualTo(((RSAPrivateCrtKey) key).getModulus());
  }

  @Test
  void readsEd25519Pkcs8AndRawSeed() throws Exception {
    PrivateKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    Path file = dir.resolve("ed.private");
    PrivateKeyFiles.write(file, key);
    byte[] pkcs8 = key.getEncoded();
    byte[] seed = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);

    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(PrivateKeyFiles.load(file).getEncoded()).isEqualTo(pkcs8);
    assertThat(PrivateKeyFiles.parse(Base64.getEncoder().encodeToString(seed)).getEncoded())
        .isEqualTo(pkcs8);
    assertThat(SigningKey.of("example.test", "ed", PrivateKeyFiles.load(file)).algorithm())
        .isEqualTo(DkimAlgorithm.ED25519_SHA256);
  }

  @Test
  void refusesGroupOrWorldReadableFiles() throws Exception {
    PrivateKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    Path file = dir.resolve("open.private");
    PrivateKeyFiles.write(file, key);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    assertThatThrownBy(() -> PrivateKeyFiles.load(file))
        .isInstanceOf(InsecureKeyFileException.class)
        .hasMessageContaining("chmod 600");
  }

  @Property(tries = 50)
  void garbageIsATypedError(@ForAll String text) {
    assertThatThrownBy(() -> PrivateKeyFiles.parse("-----BEGIN RSA PRIVATE KEY-----\n" + text))
        .isInstanceOf(InvalidKeyRecordException.class);
  }
}
