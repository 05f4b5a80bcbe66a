package org.postern.sieve.notify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postern.sieve.message.Addresses;

/**
 * A parsed RFC 6068 mailto URI: recipients (from the path and {@code to} fields), other header
 * fields and the body. {@link #parse} rejects characters outside the URI grammar, malformed
 * percent-encoding, header names that are not field names and recipients that are not addresses.
 */
public record MailtoUri(
    List<String> recipients, List<Map.Entry<String, String>> headers, String body) {

  private static final String QCHAR_EXTRA = "!$'()*+,;:@";

  /** Copies the lists. */
  public MailtoUri {
    recipients = List.copyOf(recipients);
    headers = List.copyOf(headers);
  }

  /** The value of header field {@code name} (any case), or {@code null}. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  /**
   * Parses {@code uri}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static MailtoUri parse(String uri) {
    if (!uri.regionMatches(true, 0, "mailto:", 0, 7)) {
      throw new IllegalArgumentException("not a mailto URI");
    }
    String rest = uri.substring(7);
    int question = rest.indexOf('?');
    String path = question < 0 ? rest : rest.substring(0, question);
    List<String> recipients = new ArrayList<>();
    addRecipients(path, recipients);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    String body = null;
    if (question >= 0) {
      for (String field : rest.substring(question + 1).split("&", -1)) {
        if (field.isEmpty()) {
          continue;
        }
        int equals = field.indexOf('=');
        if (equals < 0) {
          throw new IllegalArgumentException("header field '" + field + "' has no '='");
        }
        String name = decode(field.substring(0, equals));
        String value = decode(field.substring(equals + 1));
        if (!fieldName(name)) {
          throw new IllegalArgumentException("invalid header field name '" + name + "'");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("to")) {
          addRecipients(field.substring(equals + 1), recipients);
        } else if (lower.equals("body")) {
          body = value;
        } else {
          headers.add(Map.entry(name, value));
        }
      }
    }
    return new MailtoUri(recipients, headers, body);
  }

  private static void addRecipients(String encoded, List<String> recipients) {
    if (encoded.isEmpty()) {
      return;
    }
    for (String piece : decode(encoded).split(",", -1)) {
      String address = piece.trim();
      if (!address(address)) {
        throw new IllegalArgumentException("invalid recipient '" + address + "'");
      }
      recipients.add(address);
    }
  }

  /** Percent-decodes {@code text} as UTF-8 after checking it uses only URI characters. */
  static String decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()
            || Character.digit(text.charAt(i + 1), 16) < 0
            || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException("malformed percent-encoding in '" + text + "'");
        }
        out.write(
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else if (unreserved(c) || QCHAR_EXTRA.indexOf(c) >= 0) {
        out.write(c);
      } else {
        throw new IllegalArgumentException("invalid character '" + c + "' in '" + text + "'");
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** RFC 5322 field-name. */
  static boolean fieldName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 33 || c > 126 || c == ':') {
        return false;
      }
    }
    return true;
  }

  /** A plain addr-spec: dot-atom local part (or quoted) '@' dot-atom domain. */
  public static boolean address(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      return false;
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    boolean quoted = local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"");
    return (quoted || Addresses.isDotAtom(local, true)) && Addresses.isDotAtom(domain, true);
  }
}
