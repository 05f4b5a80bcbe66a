package org.postern.authres;

/** RFC 2045 token and quoted-string rules for Authentication-Results values. */
final class Values {
  private static final String SPECIALS = "()<>@,;:\\\"/[]?=";

  private Values() {}

  static boolean isToken(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 127 || SPECIALS.indexOf(c) >= 0) {
        return false;
      }
    }
    return !text.isEmpty();
  }

  /** The text as a token, or as a quoted-string when it contains specials or spaces. */
  static String quoteIfNeeded(String text) {
    if (isToken(text) || isPropertyValue(text)) {
      return text;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\');
      }
      if (c >= ' ' && c != 127) {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  /** Domain names and addresses ({@code user@example.com}) are allowed bare in pvalue. */
  private static boolean isPropertyValue(String text) {
    int at = text.lastIndexOf('@');
    String local = at < 0 ? "" : text.substring(0, at);
    String domain = at < 0 ? text : text.substring(at + 1);
    return (local.isEmpty() || isToken(local.replace("@", "")))
        && domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")
        && (at >= 0 || domain.contains("."));
  }
}
