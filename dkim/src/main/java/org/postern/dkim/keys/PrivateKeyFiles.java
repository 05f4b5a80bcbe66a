package org.postern.dkim.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Reads and writes DKIM private key files: PEM PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what
 * opendkim-genkey writes), PEM PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or Ed25519) and a raw Ed25519
 * seed in base64 (dkimpy's format). Files readable by group or others are refused.
 */
public final class PrivateKeyFiles {
  /** DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo; the 32-byte seed follows. */
  private static final byte[] ED25519_PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };

  private static final Set<PosixFilePermission> TOO_OPEN =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private PrivateKeyFiles() {}

  /**
   * Loads a private key file after checking that only its owner can read it.
   *
   * @throws InsecureKeyFileException when group or others have any access
   * @throws InvalidKeyRecordException when the content is no key this class understands
   * @throws IOException when the file cannot be read
   */
  public static PrivateKey load(Path file)
      throws IOException, InsecureKeyFileException, InvalidKeyRecordException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
      throw new InsecureKeyFileException(
          file
              + " is accessible by group or others ("
              + PosixFilePermissions.toString(permissions)
              + "); chmod 600 it");
    }
    return parse(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /**
   * Parses key text in any of the supported formats.
   *
   * @throws InvalidKeyRecordException when it is no supported key
   */
  public static PrivateKey parse(String text) throws InvalidKeyRecordException {
    String trimmed = text.strip();
    try {
      if (!trimmed.startsWith("-----BEGIN")) {
        byte[] raw = Base64.getDecoder().decode(trimmed.replaceAll("\\s+", ""));
        if (raw.length != 32 && raw.length != 64) {
          throw new InvalidKeyRecordException("neither PEM nor a raw Ed25519 key");
        }
        byte[] seed = Arrays.copyOf(raw, 32);
        return KeyFactory.getInstance("Ed25519")
            .generatePrivate(
                new PKCS8EncodedKeySpec(PublicKeys.concat(ED25519_PKCS8_PREFIX, seed)));
      }
      Object object;
      try (PEMParser parser = new PEMParser(new StringReader(trimmed))) {
        object = parser.readObject();
      }
      PrivateKeyInfo info;
      if (object instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else if (object instanceof PrivateKeyInfo plain) {
        info = plain;
      } else {
        throw new InvalidKeyRecordException(
            "PEM holds no unencrypted private key"
                + (object == null ? "" : " (" + object.getClass().getSimpleName() + ")"));
      }
      return toJca(info);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidKeyRecordException("unreadable private key: " + e.getMessage(), e);
    }
  }

  /** Writes a key as PEM (RSA as PKCS#1 like opendkim-genkey, Ed25519 as PKCS#8), mode 0600. */
  public static void write(Path file, PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(key);
    }
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }

  private static PrivateKey toJca(PrivateKeyInfo info)
      throws IOException, GeneralSecurityException, InvalidKeyRecordException {
    var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm;
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      algorithm = "RSA";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      algorithm = "Ed25519";
    } else {
      throw new InvalidKeyRecordException("unsupported private key algorithm " + oid);
    }
    return KeyFactory.getInstance(algorithm)
        .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
  }
}
