package org.postern.sieve.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Content-Transfer-Encoding decoding (base64, quoted-printable) and charset conversion. */
public final class TransferEncoding {

  private TransferEncoding() {}

  /**
   * Decodes {@code content}; identity encodings and undecodable input are returned as they are, an
   * unknown encoding gives {@code null} (the content cannot be read).
   */
  public static byte[] decode(String encoding, byte[] content) {
    if (encoding == null) {
      return content;
    }
    String name = encoding.trim().toLowerCase(Locale.ROOT);
    if (name.equals("7bit") || name.equals("8bit") || name.equals("binary") || name.isEmpty()) {
      return content;
    }
    if (name.equals("base64")) {
      String text =
          new String(content, StandardCharsets.US_ASCII).replaceAll("[^A-Za-z0-9+/=]", "");
      try {
        return Base64.getDecoder().decode(text.replaceAll("=+$", "") + padding(text));
      } catch (IllegalArgumentException e) {
        return content;
      }
    }
    if (name.equals("quoted-printable")) {
      return quotedPrintable(content);
    }
    return null;
  }

  private static String padding(String text) {
    int length = text.replaceAll("=+$", "").length() % 4;
    return length == 2 ? "==" : length == 3 ? "=" : "";
  }

  private static byte[] quotedPrintable(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
    for (int i = 0; i < content.length; i++) {
      byte b = content[i];
      if (b != '=') {
        out.write(b);
        continue;
      }
      if (i + 1 < content.length && content[i + 1] == '\n') {
        i += 1;
      } else if (i + 2 < content.length && content[i + 1] == '\r' && content[i + 2] == '\n') {
        i += 2;
      } else if (i + 2 < content.length
          && Character.digit(content[i + 1], 16) >= 0
          && Character.digit(content[i + 2], 16) >= 0) {
        out.write(Character.digit(content[i + 1], 16) * 16 + Character.digit(content[i + 2], 16));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** The bytes as text in {@code charset}; UTF-8 when absent or unknown. */
  public static String text(byte[] bytes, String charset) {
    Charset decoder = StandardCharsets.UTF_8;
    if (charset != null) {
      try {
        decoder = Charset.forName(charset.trim());
      } catch (IllegalArgumentException e) {
        decoder = StandardCharsets.UTF_8;
      }
    }
    if (decoder.equals(StandardCharsets.US_ASCII)) {
      // 8-bit bytes in a part labelled us-ascii are usually UTF-8.
      decoder = StandardCharsets.UTF_8;
    }
    return new String(bytes, decoder);
  }
}
