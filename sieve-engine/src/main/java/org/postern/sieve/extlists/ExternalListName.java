package org.postern.sieve.extlists;

import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * External list names (RFC 6134 section 2.1): {@code urn:} or {@code tag:} URIs, with the {@code
 * :addrbook:...} shorthand for {@code urn:ietf:params:sieve:addrbook:...}.
 */
public final class ExternalListName {

  /** The prefix a name starting with ':' is short for. */
  public static final String SHORTHAND_PREFIX = "urn:ietf:params:sieve";

  /** The user's default address book, always known (empty unless configured). */
  public static final String DEFAULT_ADDRESS_BOOK = SHORTHAND_PREFIX + ":addrbook:default";

  private static final int MAX_NAMESPACE_ID = 32;

  private ExternalListName() {}

  /**
   * The canonical form of {@code name}: shorthand expanded, scheme and URN namespace in lower case;
   * compare canonical names ignoring case.
   *
   * @throws InvalidListNameException when {@code name} is not a urn: or tag: URI
   */
  public static String normalize(String name) throws InvalidListNameException {
    String uri = name.startsWith(":") ? SHORTHAND_PREFIX + name : name;
    int colon = uri.indexOf(':');
    if (colon <= 0 || !isScheme(uri.substring(0, colon))) {
      throw new InvalidListNameException(
          "'"
              + name
              + "' is not a list name: use a urn: or tag: URI such as "
              + DEFAULT_ADDRESS_BOOK);
    }
    String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = uri.substring(colon + 1);
    switch (scheme) {
      case "urn":
        return "urn:" + normalizeUrn(name, rest);
      case "tag":
        if (rest.isEmpty() || !isUriText(rest)) {
          throw new InvalidListNameException("'" + name + "' is not a valid tag: URI");
        }
        return "tag:" + rest;
      default:
        throw new InvalidListNameException(
            "'"
                + name
                + "': the "
                + scheme
                + ": scheme is not supported for list names, use urn: or tag:");
    }
  }

  private static String normalizeUrn(String name, String rest) throws InvalidListNameException {
    int colon = rest.indexOf(':');
    String namespace = colon < 0 ? rest : rest.substring(0, colon);
    String specific = colon < 0 ? "" : rest.substring(colon + 1);
    if (!isNamespaceId(namespace)) {
      throw new InvalidListNameException(
          "'" + name + "' is not a valid URN: bad namespace identifier '" + namespace + "'");
    }
    if (specific.isEmpty() || specific.startsWith("/") || !isNamespaceSpecific(specific)) {
      throw new InvalidListNameException(
          "'" + name + "' is not a valid URN: bad namespace-specific string '" + specific + "'");
    }
    return namespace.toLowerCase(Locale.ROOT) + ":" + specific;
  }

  private static boolean isScheme(String scheme) {
    if (!isAsciiLetter(scheme.charAt(0))) {
      return false;
    }
    for (int i = 1; i < scheme.length(); i++) {
      char c = scheme.charAt(i);
      if (!(isAsciiLetter(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** RFC 8141: alphanumeric at both ends, letters, digits and '-' between, 2 to 32 long. */
  private static boolean isNamespaceId(String id) {
    if (id.length() < 2 || id.length() > MAX_NAMESPACE_ID) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean alphanumeric = isAsciiLetter(c) || isDigit(c);
      boolean end = i == 0 || i == id.length() - 1;
      if (!(alphanumeric || (!end && c == '-'))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 8141 NSS: pchar and '/' (queries and fragments are not part of list names). */
  private static boolean isNamespaceSpecific(String text) {
    return isPercentEncoded(text, c -> c == ':' || c == '@' || c == '/');
  }

  /** RFC 3986 characters allowed after the scheme (path, query and fragment). */
  private static boolean isUriText(String text) {
    return isPercentEncoded(text, c -> c == ':' || c == '@' || c == '/' || c == '?' || c == '#');
  }

  // Unreserved and sub-delimiter characters, percent-encoded octets and what {@code alsoAllowed}
  // accepts.
  private static boolean isPercentEncoded(String text, IntPredicate alsoAllowed) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!(isUnreserved(c) || isSubDelimiter(c) || alsoAllowed.test(c))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUnreserved(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static boolean isSubDelimiter(char c) {
    return "!$&'()*+,;=".indexOf(c) >= 0;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
