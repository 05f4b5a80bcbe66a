package org.postern.srs;

/** The base64 alphabet used when writing SRS hashes; verification accepts both. */
public enum HashEncoding {
  /**
   * {@code -} and {@code _}, as postsrsd 2 writes them: {@code +} and {@code /} upset some MTAs.
   */
  BASE64URL,
  /** {@code +} and {@code /}, as libsrs2 and postsrsd 1 write them. */
  BASE64
}
