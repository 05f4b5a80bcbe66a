package org.postern.dkim.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header section of an RFC 5322 message from a stream and leaves the stream at the first
 * body byte, so the body can be streamed without holding the message in memory. Accepts CRLF and
 * bare LF line ends; folded lines are kept with CRLF between them.
 */
public final class MessageReader {

  /** Longest header section accepted, so a garbage stream cannot exhaust memory. */
  public static final int MAX_HEADER_BYTES = 1 << 20;

  private MessageReader() {}

  /**
   * Reads header fields up to the empty line that ends the header section (consumed). Lines that
   * are neither fields nor continuations (an mbox "From " line) are skipped.
   *
   * @throws IOException on read failure or a header section longer than {@link #MAX_HEADER_BYTES}
   */
  public static List<HeaderField> readHeaders(InputStream in) throws IOException {
    List<HeaderField> fields = new ArrayList<>();
    StringBuilder current = null;
    int total = 0;
    while (true) {
      String line = readLine(in);
      if (line == null || line.isEmpty()) {
        break;
      }
      total += line.length() + 2;
      if (total > MAX_HEADER_BYTES) {
        throw new IOException("header section longer than " + MAX_HEADER_BYTES + " bytes");
      }
      char first = line.charAt(0);
      if ((first == ' ' || first == '\t') && current != null) {
        current.append("\r\n").append(line);
        continue;
      }
      addField(fields, current);
      current = line.indexOf(':') > 0 ? new StringBuilder(line) : null;
    }
    addField(fields, current);
    return fields;
  }

  private static void addField(List<HeaderField> fields, StringBuilder text) {
    if (text == null) {
      return;
    }
    int colon = text.indexOf(":");
    fields.add(new HeaderField(text.substring(0, colon), text.substring(colon + 1)));
  }

  /** One line without its CR?LF, as ISO-8859-1 characters; null at end of stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int c;
    boolean any = false;
    while ((c = in.read()) >= 0) {
      any = true;
      if (c == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(c);
      if (line.size() > MAX_HEADER_BYTES) {
        throw new IOException("header line longer than " + MAX_HEADER_BYTES + " bytes");
      }
    }
    return any ? line.toString(StandardCharsets.ISO_8859_1) : null;
  }
}
