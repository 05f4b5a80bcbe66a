package org.postern.sieve.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects MIME header parameters and joins RFC 2231 forms: continuations ({@code name*0}, {@code
 * name*1}, ...) and charset/percent-encoded values ({@code name*=utf-8'en'a%20b}). A plain value
 * wins over an extended one only when it came first.
 */
final class ExtendedParameters {

  private final Map<String, String> plain = new LinkedHashMap<>();
  // name → section number → raw value; a section number of -1 is the unsectioned "name*" form.
  private final Map<String, TreeMap<Integer, String>> sections = new LinkedHashMap<>();
  private final Map<String, TreeMap<Integer, Boolean>> encoded = new LinkedHashMap<>();

  /** Adds one parameter as it appeared: {@code name} lower-cased, {@code value} unquoted. */
  void add(String name, String value) {
    int star = name.indexOf('*');
    if (star <= 0) {
      plain.putIfAbsent(name, value);
      return;
    }
    String base = name.substring(0, star);
    String rest = name.substring(star + 1);
    boolean isEncoded = rest.endsWith("*") || rest.isEmpty();
    String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
    int section;
    if (number.isEmpty()) {
      section = -1;
    } else {
      try {
        section = Integer.parseInt(number);
      } catch (NumberFormatException e) {
        return;
      }
      if (section < 0 || section > 999) {
        return;
      }
    }
    if (plain.containsKey(base)) {
      return;
    }
    sections.computeIfAbsent(base, k -> new TreeMap<>()).putIfAbsent(section, value);
    encoded.computeIfAbsent(base, k -> new TreeMap<>()).putIfAbsent(section, isEncoded);
  }

  /** The parameters by lower-cased name, in order of first appearance, extended forms joined. */
  Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>(plain);
    for (Map.Entry<String, TreeMap<Integer, String>> entry : sections.entrySet()) {
      values.putIfAbsent(entry.getKey(), join(entry.getValue(), encoded.get(entry.getKey())));
    }
    return values;
  }

  private static String join(TreeMap<Integer, String> parts, TreeMap<Integer, Boolean> encoded) {
    Charset charset = StandardCharsets.UTF_8;
    StringBuilder text = new StringBuilder();
    boolean first = true;
    for (Map.Entry<Integer, String> part : parts.entrySet()) {
      String value = part.getValue();
      if (encoded.get(part.getKey())) {
        if (first) {
          // charset'language'value; a value without the quotes is taken as is.
          int quote = value.indexOf('\'');
          int second = quote < 0 ? -1 : value.indexOf('\'', quote + 1);
          if (second > 0) {
            charset = charset(value.substring(0, quote));
            value = value.substring(second + 1);
          }
        }
        text.append(percentDecode(value, charset));
      } else {
        text.append(value);
      }
      first = false;
    }
    return text.toString();
  }

  private static Charset charset(String name) {
    if (name.isEmpty()) {
      return StandardCharsets.US_ASCII;
    }
    try {
      return Charset.forName(name.trim().toLowerCase(Locale.ROOT));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String percentDecode(String value, Charset charset) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%'
          && i + 2 < value.length()
          && hex(value.charAt(i + 1)) >= 0
          && hex(value.charAt(i + 2)) >= 0) {
        bytes.write(hex(value.charAt(i + 1)) * 16 + hex(value.charAt(i + 2)));
        i += 2;
      } else {
        byte[] raw = String.valueOf(c).getBytes(charset);
        bytes.write(raw, 0, raw.length);
      }
    }
    return new String(bytes.toByteArray(), charset);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
