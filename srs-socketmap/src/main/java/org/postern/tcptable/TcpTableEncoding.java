package org.postern.tcptable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * tcp_table's %XX encoding over UTF-8 bytes: as Postfix's {@code hex_quote}, {@code %}, every
 * whitespace or control byte (up to 32) and every byte above 126 become {@code %XX}; everything
 * else, {@code +} included, stays. Decoding turns {@code %XX} (either case) back into bytes and
 * leaves other bytes alone, as Postfix's {@code hex_unquote} does.
 */
public final class TcpTableEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TcpTableEncoding() {}

  /** Whether {@code b} is written as is; any other byte is written as {@code %XX}. */
  static boolean isPlain(int b) {
    return b > 32 && b < 127 && b != '%';
  }

  /** {@code text} as UTF-8 with every byte that must be escaped as {@code %XX}. */
  public static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte value : bytes) {
      int b = value & 0xff;
      if (isPlain(b)) {
        out.append((char) b);
      } else {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  /**
   * Undoes {@link #encode}: a {@code %} must be followed by two hex digits, and the bytes must be
   * UTF-8.
   */
  public static String decode(String encoded) throws MalformedTcpTableMessageException {
    if (encoded.indexOf('%') < 0) {
      return encoded;
    }
    byte[] raw = encoded.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[raw.length];
    int length = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] != '%') {
        bytes[length++] = raw[i];
        continue;
      }
      if (i + 2 >= raw.length) {
        throw new MalformedTcpTableMessageException("truncated %XX escape at offset " + i);
      }
      int high = Character.digit(raw[i + 1], 16);
      int low = Character.digit(raw[i + 2], 16);
      if (high < 0 || low < 0) {
        throw new MalformedTcpTableMessageException("bad %XX escape at offset " + i);
      }
      bytes[length++] = (byte) (high << 4 | low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedTcpTableMessageException("decoded bytes are not UTF-8");
    }
  }
}
