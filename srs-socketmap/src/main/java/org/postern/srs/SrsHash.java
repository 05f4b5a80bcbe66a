package org.postern.srs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRS hash: HMAC-SHA1 keyed with a secret over the ASCII-lower-cased fields concatenated,
 * base64-encoded and truncated, exactly as libsrs2 and postsrsd compute it.
 */
public final class SrsHash {
  /** Base64 characters in an unpadded SHA-1 digest; longer hashes cannot exist. */
  public static final int MAX_LENGTH = 27;

  private static final String ALGORITHM = "HmacSHA1";

  private final int length;
  private final int minimumLength;
  private final ThreadLocal<Mac[]> macs;
  private final HashEncoding encoding;

  /**
   * A hash that signs with the first secret, writes {@code length} characters in {@code encoding},
   * and verifies hashes of {@code minimumLength} to {@code length} characters with any secret.
   */
  public SrsHash(SrsSecrets secrets, int length, int minimumLength, HashEncoding encoding) {
    if (minimumLength < 1 || minimumLength > length || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "need 1 <= minimum length <= length <= "
              + MAX_LENGTH
              + ", got "
              + minimumLength
              + " and "
              + length);
    }
    List<byte[]> keys = secrets.all();
    // Mac.getInstance and init cost more than the hash itself; keep keyed Macs per thread.
    this.macs =
        ThreadLocal.withInitial(() -> keys.stream().map(SrsHash::newMac).toArray(Mac[]::new));
    this.length = length;
    this.minimumLength = minimumLength;
    this.encoding = encoding;
  }

  /** The hash of {@code fields} with the signing secret, as written into new addresses. */
  public String create(String... fields) {
    String full = fullHash(macs.get()[0], fields);
    String hash = full.substring(0, length);
    return encoding == HashEncoding.BASE64URL ? hash.replace('+', '-').replace('/', '_') : hash;
  }

  /**
   * Whether {@code hash} matches {@code fields} under any secret, ignoring case and the base64
   * alphabet, comparing in constant time.
   */
  public boolean verify(String hash, String... fields) {
    if (hash.length() < minimumLength || hash.length() > length) {
      return false;
    }
    byte[] given = normalise(hash);
    boolean matched = false;
    // Try every secret without stopping early so timing does not tell which one matched.
    for (Mac mac : macs.get()) {
      byte[] expected = normalise(fullHash(mac, fields).substring(0, hash.length()));
      matched |= MessageDigest.isEqual(given, expected);
    }
    return matched;
  }

  // doFinal resets the Mac, so a thread reuses it for the next hash.
  private static String fullHash(Mac mac, String... fields) {
    for (String field : fields) {
      mac.update(asciiLowerCase(field).getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal());
  }

  private static Mac newMac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      // Every Java runtime must provide HmacSHA1, and any byte string is a valid HMAC key.
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  // Case-insensitive and alphabet-insensitive form: lower case, URL-safe characters.
  private static byte[] normalise(String hash) {
    return asciiLowerCase(hash)
        .replace('+', '-')
        .replace('/', '_')
        .getBytes(StandardCharsets.UTF_8);
  }

  // postsrsd lower-cases with C tolower(): ASCII letters only, other bytes untouched.
  static String asciiLowerCase(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] - 'A' + 'a');
      }
    }
    return new String(chars);
  }
}
