package org.postern.sieve.mime;

import java.util.Locale;
import java.util.Map;

/**
 * A parsed Content-Type (RFC 2045): lower-case type and subtype and the parameters (names
 * lower-case, values unquoted). A malformed value gives {@code application/octet-stream}, so a part
 * with a broken type is never taken for text.
 */
public record ContentType(String type, String subtype, Map<String, String> parameters) {

  /** The default of RFC 2045 section 5.2. */
  public static final ContentType TEXT_PLAIN =
      new ContentType("text", "plain", Map.of("charset", "us-ascii"));

  /** The default inside multipart/digest. */
  public static final ContentType MESSAGE_RFC822 = new ContentType("message", "rfc822", Map.of());

  private static final ContentType OCTET_STREAM =
      new ContentType("application", "octet-stream", Map.of());

  /** Copies the parameters. */
  public ContentType {
    parameters = Map.copyOf(parameters);
  }

  /** Parses a header value; {@code fallback} when absent, octet-stream when malformed. */
  public static ContentType parse(String value, ContentType fallback) {
    if (value == null) {
      return fallback;
    }
    String[] pieces = splitParameters(value);
    String media = pieces[0].trim().toLowerCase(Locale.ROOT);
    int slash = media.indexOf('/');
    if (slash <= 0
        || slash == media.length() - 1
        || media.indexOf('/', slash + 1) >= 0
        || !token(media.substring(0, slash))
        || !token(media.substring(slash + 1))) {
      return OCTET_STREAM;
    }
    ExtendedParameters parameters = new ExtendedParameters();
    for (int i = 1; i < pieces.length; i++) {
      int equals = pieces[i].indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String name = pieces[i].substring(0, equals).trim().toLowerCase(Locale.ROOT);
      String parameter = pieces[i].substring(equals + 1).trim();
      if (parameter.length() >= 2 && parameter.startsWith("\"") && parameter.endsWith("\"")) {
        parameter = parameter.substring(1, parameter.length() - 1).replaceAll("\\\\(.)", "$1");
      }
      parameters.add(name, parameter);
    }
    return new ContentType(
        media.substring(0, slash), media.substring(slash + 1), parameters.values());
  }

  /** Splits at ';' outside quoted strings. */
  private static String[] splitParameters(String value) {
    java.util.List<String> pieces = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < value.length()) {
        current.append(c).append(value.charAt(++i));
        continue;
      }
      if (c == ';' && !quoted) {
        pieces.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    pieces.add(current.toString());
    return pieces.toArray(new String[0]);
  }

  private static boolean token(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** "type/subtype". */
  public String mediaType() {
    return type + "/" + subtype;
  }

  /** Whether the part holds text a reader sees (text/*, and XHTML). */
  public boolean isText() {
    return type.equals("text") || mediaType().equals("application/xhtml+xml");
  }

  /** Whether the text is HTML markup, whose tags the :text transform drops. */
  public boolean isMarkup() {
    return mediaType().equals("text/html") || mediaType().equals("application/xhtml+xml");
  }
}
