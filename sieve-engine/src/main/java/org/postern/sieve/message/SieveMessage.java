package org.postern.sieve.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable RFC 5322 message as Sieve sees it: header fields in order, the raw body and the
 * total size. Parsing is lenient: a message without a blank line is all headers.
 */
public final class SieveMessage {

  private final List<Header> headers;
  private final byte[] raw;
  private final int bodyOffset;
  // Raw values by lower-case field name: a script runs hundreds of header tests per message.
  private final Map<String, List<String>> rawByName;
  // Decoded values by the name as asked for, filled on first use; the message is immutable.
  private final Map<String, List<String>> decodedByName = new ConcurrentHashMap<>();

  private SieveMessage(List<Header> headers, byte[] raw, int bodyOffset) {
    this.headers = List.copyOf(headers);
    this.raw = raw;
    this.bodyOffset = bodyOffset;
    Map<String, List<String>> byName = new HashMap<>();
    for (Header header : this.headers) {
      byName
          .computeIfAbsent(header.name().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(header.value());
    }
    byName.replaceAll((name, values) -> List.copyOf(values));
    this.rawByName = byName;
  }

  /** Parses a raw message (CRLF or LF line endings). */
  public static SieveMessage parse(byte[] raw) {
    byte[] copy = raw.clone();
    String text = new String(copy, StandardCharsets.ISO_8859_1);
    List<Header> headers = new ArrayList<>();
    int position = 0;
    String name = null;
    StringBuilder value = null;
    int bodyOffset = copy.length;
    while (position < text.length()) {
      int end = text.indexOf('\n', position);
      int next = end < 0 ? text.length() : end + 1;
      String line = text.substring(position, end < 0 ? text.length() : end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        bodyOffset = next;
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && value != null) {
        value.append(line);
      } else {
        if (name != null) {
          headers.add(header(name, value));
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          name = null;
          value = null;
        } else {
          name = line.substring(0, colon).trim();
          value = new StringBuilder(line.substring(colon + 1));
        }
      }
      position = next;
      bodyOffset = Math.min(next, copy.length);
    }
    if (name != null) {
      headers.add(header(name, value));
    }
    return new SieveMessage(headers, copy, bodyOffset);
  }

  /** Parses a message given as text (tests, scripts); encoded as UTF-8. */
  public static SieveMessage parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Header header(String name, StringBuilder value) {
    String raw = value.toString();
    int start = 0;
    while (start < raw.length() && (raw.charAt(start) == ' ' || raw.charAt(start) == '\t')) {
      start++;
    }
    int end = raw.length();
    while (end > start && (raw.charAt(end - 1) == ' ' || raw.charAt(end - 1) == '\t')) {
      end--;
    }
    // Header bytes are read as Latin-1; re-decode raw 8-bit values as UTF-8 when valid.
    String trimmed = raw.substring(start, end);
    if (!isAscii(trimmed)) {
      byte[] bytes = trimmed.getBytes(StandardCharsets.ISO_8859_1);
      String utf8 = new String(bytes, StandardCharsets.UTF_8);
      if (!utf8.contains("\uFFFD")) {
        trimmed = utf8;
      }
    }
    return new Header(name, trimmed);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** All header fields in message order. */
  public List<Header> headers() {
    return headers;
  }

  /** Raw values of the fields named {@code name} (case-insensitive), in order; unmodifiable. */
  public List<String> rawHeaders(String name) {
    return rawByName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * Values of the fields named {@code name} with RFC 2047 encoded words decoded, in order;
   * unmodifiable.
   */
  public List<String> decodedHeaders(String name) {
    // Keyed by the name as the script spells it: no lower-casing on the hot path.
    List<String> cached = decodedByName.get(name);
    if (cached != null) {
      return cached;
    }
    List<String> values = new ArrayList<>(rawHeaders(name));
    values.replaceAll(EncodedWords::decode);
    List<String> decoded = List.copyOf(values);
    decodedByName.put(name, decoded);
    return decoded;
  }

  /** The body as raw bytes (after the blank line). */
  public byte[] body() {
    byte[] body = new byte[raw.length - bodyOffset];
    System.arraycopy(raw, bodyOffset, body, 0, body.length);
    return body;
  }

  /** The body decoded as UTF-8 text, for the body test's raw and text transforms. */
  public String bodyText() {
    return new String(raw, bodyOffset, raw.length - bodyOffset, StandardCharsets.UTF_8);
  }

  /** Size of the whole message in octets, as the size test sees it. */
  public long size() {
    return raw.length;
  }

  /** A copy of the whole raw message. */
  public byte[] raw() {
    return raw.clone();
  }
}
