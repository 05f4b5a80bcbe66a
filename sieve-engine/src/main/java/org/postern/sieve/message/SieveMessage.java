package org.postern.sieve.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable RFC 5322 message as Sieve sees it: header fields in order, the raw body and the
 * total size. Parsing is lenient: a message without a blank line is all headers.
 */
public final class SieveMessage {

  private final List<Header> headers;
  private final List<int[]> spans;
  private final byte[] raw;
  private final int bodyOffset;
  private final int headerEnd;
  // Raw values by lower-case field name: a script runs hundreds of header tests per message.
  private final Map<String, List<String>> rawByName;
  // Decoded values by the name as asked for, filled on first use; the message is immutable.
  private final Map<String, List<String>> decodedByName = new ConcurrentHashMap<>();

  private SieveMessage(
      List<Header> headers, List<int[]> spans, byte[] raw, int bodyOffset, int headerEnd) {
    this.headers = List.copyOf(headers);
    this.spans = List.copyOf(spans);
    this.raw = raw;
    this.bodyOffset = bodyOffset;
    this.headerEnd = headerEnd;
    Map<String, List<String>> byName = new HashMap<>();
    for (Header header : this.headers) {
      byName
          .computeIfAbsent(header.name().toLowerCase(Locale.ROOT), key -> new ArrayList<>())
          .add(header.value());
    }
    byName.replaceAll((key, values) -> List.copyOf(values));
    this.rawByName = byName;
  }

  /** Parses a raw message (CRLF or LF line endings). */
  public static SieveMessage parse(byte[] raw) {
    byte[] copy = raw.clone();
    String text = new String(copy, StandardCharsets.ISO_8859_1);
    List<Header> headers = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    int position = 0;
    String name = null;
    StringBuilder value = null;
    int fieldStart = 0;
    int bodyOffset = copy.length;
    int headerEnd = copy.length;
    while (position < text.length()) {
      int end = text.indexOf('\n', position);
      int next = end < 0 ? text.length() : end + 1;
      String line = text.substring(position, end < 0 ? text.length() : end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        bodyOffset = next;
        headerEnd = position;
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && value != null) {
        value.append(line);
      } else {
        if (name != null) {
          headers.add(header(name, value));
          spans.add(new int[] {fieldStart, position});
        }
        fieldStart = position;
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
      spans.add(new int[] {fieldStart, Math.min(position, headerEnd)});
    }
    return new SieveMessage(headers, spans, copy, bodyOffset, headerEnd);
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

  /** All header fields in message order. */
  public List<Header> headers() {
    return headers;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
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

  /**
   * A copy with a field added (RFC 5293 addheader): first in the header, or last with {@code last}.
   * The value is folded and, when not ASCII, RFC 2047 encoded.
   */
  public SieveMessage withHeaderAdded(String name, String value, boolean last) {
    byte[] field =
        (name + ": " + HeaderFolding.encodeAndFold(value) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    int at = last ? lastFieldEnd() : 0;
    if (at > 0 && raw[at - 1] != '\n') {
      // The header ends without a line break: start the new field on its own line.
      byte[] broken = new byte[field.length + 2];
      broken[0] = '\r';
      broken[1] = '\n';
      System.arraycopy(field, 0, broken, 2, field.length);
      field = broken;
    }
    byte[] edited = new byte[raw.length + field.length];
    System.arraycopy(raw, 0, edited, 0, at);
    System.arraycopy(field, 0, edited, at, field.length);
    System.arraycopy(raw, at, edited, at + field.length, raw.length - at);
    return parse(edited);
  }

  /** A copy without the fields at the given positions of {@link #headers()}. */
  public SieveMessage withHeadersRemoved(Set<Integer> positions) {
    if (positions.isEmpty()) {
      return this;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    int copied = 0;
    for (int i = 0; i < spans.size(); i++) {
      if (positions.contains(i)) {
        int[] span = spans.get(i);
        out.write(raw, copied, span[0] - copied);
        copied = span[1];
      }
    }
    out.write(raw, copied, raw.length - copied);
    return parse(out.toByteArray());
  }

  private int lastFieldEnd() {
    if (spans.isEmpty()) {
      return Math.min(headerEnd, raw.length);
    }
    return spans.get(spans.size() - 1)[1];
  }

  /** A copy of the whole raw message. */
  public byte[] raw() {
    return raw.clone();
  }
}
