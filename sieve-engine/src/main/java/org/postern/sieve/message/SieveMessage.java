package org.postern.sieve.message;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable RFC 5322 message as Sieve sees it: header fields in order, the raw body and the
 * total size. Parsing is lenient: a message without a blank line is all headers.
 */
public final class SieveMessage {

  // Per field, in message order: start of the field, start and end of its trimmed name, start of
  // its value (after the colon) and end of the field (the next line start, line breaks included).
  private static final int SLOTS = 5;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] raw;
  private final int bodyOffset;
  private final int headerEnd;
  private final int fieldCount;
  private final int[] fields;
  // Unfolded values and header fields, read when first asked for: most tests read a few fields.
  // Racy but safe: String, Header and HeaderFields are immutable, published by final fields.
  private final String[] values;
  private HeaderFields headerFields;
  private final Header[] headerCache;
  // Decoded values by the name as asked for, filled on first use; the message is immutable.
  private final Map<String, List<String>> decodedByName = new ConcurrentHashMap<>();

  private SieveMessage(byte[] raw, int[] fields, int fieldCount, int bodyOffset, int headerEnd) {
    this.raw = raw;
    this.fields = fields;
    this.fieldCount = fieldCount;
    this.values = new String[fieldCount];
    this.headerCache = new Header[fieldCount];
    this.bodyOffset = bodyOffset;
    this.headerEnd = headerEnd;
  }

  /** Parses a raw message (CRLF or LF line endings). */
  public static SieveMessage parse(byte[] raw) {
    byte[] copy = raw.clone();
    int length = copy.length;
    // Only field boundaries are found here; names and values are read on demand.
    int[] fields = new int[SLOTS * 24];
    int count = 0;
    int position = 0;
    boolean inField = false;
    int fieldStart = 0;
    int nameStart = 0;
    int nameEnd = 0;
    int valueStart = 0;
    int bodyOffset = length;
    int headerEnd = length;
    while (position < length) {
      int end = indexOf(copy, (byte) '\n', position, length);
      int next = end < 0 ? length : end + 1;
      int lineEnd = end < 0 ? length : end;
      if (lineEnd > position && copy[lineEnd - 1] == '\r') {
        lineEnd--;
      }
      if (lineEnd == position) {
        bodyOffset = next;
        headerEnd = position;
        break;
      }
      byte first = copy[position];
      if (!((first == ' ' || first == '\t') && inField)) {
        if (inField) {
          fields = addField(fields, count++, fieldStart, nameStart, nameEnd, valueStart, position);
        }
        fieldStart = position;
        int colon = indexOf(copy, (byte) ':', position, lineEnd);
        if (colon <= position) {
          inField = false;
        } else {
          // As String.trim: characters up to U+0020 at either end of the name are dropped.
          nameStart = position;
          nameEnd = colon;
          while (nameStart < nameEnd && (copy[nameStart] & 0xff) <= ' ') {
            nameStart++;
          }
          while (nameEnd > nameStart && (copy[nameEnd - 1] & 0xff) <= ' ') {
            nameEnd--;
          }
          valueStart = colon + 1;
          inField = true;
        }
      }
      position = next;
      bodyOffset = next;
    }
    if (inField) {
      fields =
          addField(
              fields,
              count++,
              fieldStart,
              nameStart,
              nameEnd,
              valueStart,
              Math.min(position, headerEnd));
    }
    return new SieveMessage(copy, fields, count, bodyOffset, headerEnd);
  }

  private static int[] addField(
      int[] fields, int index, int start, int nameStart, int nameEnd, int valueStart, int end) {
    int at = index * SLOTS;
    int[] grown = at + SLOTS > fields.length ? Arrays.copyOf(fields, fields.length * 2) : fields;
    grown[at] = start;
    grown[at + 1] = nameStart;
    grown[at + 2] = nameEnd;
    grown[at + 3] = valueStart;
    grown[at + 4] = end;
    return grown;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    // Eight bytes at a time: a byte equal to wanted becomes zero, and the lowest zero byte of a
    // word sets its high bit in found (bytes above it may be false hits; the lowest is exact).
    long pattern = (wanted & 0xffL) * 0x0101010101010101L;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i) ^ pattern;
      long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** Parses a message given as text (tests, scripts); encoded as UTF-8. */
  public static SieveMessage parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** All header fields in message order; unmodifiable, each read when first asked for. */
  public List<Header> headers() {
    HeaderFields fields = headerFields;
    if (fields == null) {
      fields = new HeaderFields(this);
      headerFields = fields;
    }
    return fields;
  }

  int fieldCount() {
    return fieldCount;
  }

  // Racy but safe as the values: Header is immutable.
  Header header(int field) {
    Objects.checkIndex(field, fieldCount);
    Header header = headerCache[field];
    if (header == null) {
      header = new Header(name(field), value(field));
      headerCache[field] = header;
    }
    return header;
  }

  String firstRawHeader(String name) {
    String key = isAscii(name) ? name : name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < fieldCount; i++) {
      if (nameIs(i, key)) {
        return value(i);
      }
    }
    return null;
  }

  private String name(int field) {
    int start = fields[field * SLOTS + 1];
    return new String(raw, start, fields[field * SLOTS + 2] - start, StandardCharsets.ISO_8859_1);
  }

  /** The unfolded value of a field, without surrounding blanks. */
  private String value(int field) {
    String value = values[field];
    if (value == null) {
      value = readValue(field);
      values[field] = value;
    }
    return value;
  }

  private String readValue(int field) {
    int start = fields[field * SLOTS + 3];
    int end = fields[field * SLOTS + 4];
    byte[] bytes = raw;
    int from = start;
    int to = end;
    int lineBreak = indexOf(raw, (byte) '\n', start, end);
    if (lineBreak >= 0 && lineBreak < end - 1) {
      // Folded: join the lines, each without its line break (LF and one CR before it).
      bytes = new byte[end - start];
      int length = 0;
      int lineStart = start;
      while (lineStart < end) {
        int lineEnd = indexOf(raw, (byte) '\n', lineStart, end);
        int next = lineEnd < 0 ? end : lineEnd + 1;
        int contentEnd = lineEnd < 0 ? end : lineEnd;
        if (contentEnd > lineStart && raw[contentEnd - 1] == '\r') {
          contentEnd--;
        }
        System.arraycopy(raw, lineStart, bytes, length, contentEnd - lineStart);
        length += contentEnd - lineStart;
        lineStart = next;
      }
      from = 0;
      to = length;
    } else {
      if (lineBreak >= 0) {
        to = lineBreak;
      }
      if (to > from && raw[to - 1] == '\r') {
        to--;
      }
    }
    while (from < to && (bytes[from] == ' ' || bytes[from] == '\t')) {
      from++;
    }
    while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
      to--;
    }
    // Raw 8-bit values are read as UTF-8 when valid, else as Latin-1. ASCII reads the same either
    // way, and the UTF-8 decoder checks for it quickly.
    String utf8 = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    if (utf8.indexOf('\uFFFD') < 0) {
      return utf8;
    }
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Raw values of the fields named {@code name} (case-insensitive), in order; unmodifiable. */
  public List<String> rawHeaders(String name) {
    // An ASCII name is compared ignoring ASCII case as it goes; others are lower-cased first.
    String key = isAscii(name) ? name : name.toLowerCase(Locale.ROOT);
    String first = null;
    List<String> more = null;
    for (int i = 0; i < fieldCount; i++) {
      if (nameIs(i, key)) {
        if (first == null) {
          first = value(i);
        } else {
          if (more == null) {
            more = new ArrayList<>(4);
            more.add(first);
          }
          more.add(value(i));
        }
      }
    }
    if (more != null) {
      return List.copyOf(more);
    }
    return first == null ? List.of() : List.of(first);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  // Whether the field's name, lower-cased as Latin-1, equals the lower-cased key: as
  // name.toLowerCase(ROOT).equals(key.toLowerCase(ROOT)) for a key that is ASCII or lower-cased.
  private boolean nameIs(int field, String key) {
    int start = fields[field * SLOTS + 1];
    int length = fields[field * SLOTS + 2] - start;
    if (length != key.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      int c = raw[start + i] & 0xff;
      char k = key.charAt(i);
      if (c != k && Character.toLowerCase(c) != asciiLower(k)) {
        return false;
      }
    }
    return true;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
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

  /** Length of the body in octets, without copying it. */
  public int bodyLength() {
    return raw.length - bodyOffset;
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
    for (int i = 0; i < fieldCount; i++) {
      if (positions.contains(i)) {
        out.write(raw, copied, fields[i * SLOTS] - copied);
        copied = fields[i * SLOTS + 4];
      }
    }
    out.write(raw, copied, raw.length - copied);
    return parse(out.toByteArray());
  }

  private int lastFieldEnd() {
    if (fieldCount == 0) {
      return Math.min(headerEnd, raw.length);
    }
    return fields[(fieldCount - 1) * SLOTS + 4];
  }

  /** A copy of the whole raw message. */
  public byte[] raw() {
    return raw.clone();
  }
}
