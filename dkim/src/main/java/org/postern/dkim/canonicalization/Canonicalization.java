package org.postern.dkim.canonicalization;

import java.util.Locale;
import org.postern.dkim.message.HeaderField;

/** The two DKIM canonicalisation algorithms of RFC 6376 section 3.4. */
public enum Canonicalization {
  /** Byte-exact headers; body only loses trailing empty lines. */
  SIMPLE,
  /** Whitespace-tolerant headers and body. */
  RELAXED;

  /** The tag value used in {@code c=}. */
  public String tagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a {@code c=} component.
   *
   * @throws IllegalArgumentException for anything but {@code simple} or {@code relaxed}
   */
  public static Canonicalization parse(String text) {
    switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "simple":
        return SIMPLE;
      case "relaxed":
        return RELAXED;
      default:
        throw new IllegalArgumentException("unknown canonicalization '" + text + "'");
    }
  }

  /** The canonical form of one header field, including its final CRLF. */
  public String header(HeaderField field) {
    return this == SIMPLE
        ? field.raw() + "\r\n"
        : relaxedHeader(field.name(), field.value()) + "\r\n";
  }

  /** The canonical form of a field without the final CRLF (for the signature field itself). */
  public String headerWithoutLineEnd(HeaderField field) {
    return this == SIMPLE ? field.raw() : relaxedHeader(field.name(), field.value());
  }

  /** A new streaming body canonicaliser writing to {@code sink}. */
  public BodyCanonicalizer body(BodySink sink) {
    return new BodyCanonicalizer(this == RELAXED, sink);
  }

  /**
   * RFC 6376 3.4.2: lower-case name, unfold, collapse whitespace runs to one space, drop whitespace
   * at the end of the value and around the colon.
   */
  static String relaxedHeader(String name, String value) {
    StringBuilder out = new StringBuilder(name.length() + value.length());
    out.append(name.strip().toLowerCase(Locale.ROOT)).append(':');
    boolean pendingSpace = false;
    boolean started = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        continue;
      }
      if (c == ' ' || c == '\t') {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace && started) {
        out.append(' ');
      }
      pendingSpace = false;
      started = true;
      out.append(c);
    }
    return out.toString();
  }
}
