package org.postern.dkim.message;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * One header field exactly as received: {@code name} is everything before the first colon and
 * {@code value} everything after it, folding CRLFs included, without the final CRLF. Both hold raw
 * octets as ISO-8859-1 characters so 8-bit headers survive byte-exact.
 */
public record HeaderField(String name, String value) {

  /** Validates that the name is present. */
  public HeaderField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** A field from UTF-8 text (for headers built in code rather than received). */
  public static HeaderField ofText(String name, String value) {
    return new HeaderField(octets(name), octets(value));
  }

  /** The name without surrounding whitespace, lower-cased: what DKIM's h= matches against. */
  public String key() {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether this field has the given name, ignoring case. */
  public boolean is(String fieldName) {
    return key().equals(fieldName.toLowerCase(Locale.ROOT));
  }

  /** The field as it appears in a message: name, colon, value (no final CRLF). */
  public String raw() {
    return name + ":" + value;
  }

  /** The raw field as bytes. */
  public byte[] rawBytes() {
    return raw().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The value decoded as UTF-8 text, for display. */
  public String valueText() {
    return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static String octets(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
