package org.postern.sieve.message;

import java.util.Optional;

/**
 * Reads an SMTP envelope path (RFC 5321 section 4.1.2) as the envelope test sees it, with
 * Pigeonhole's leniency: angle brackets optional, a source route ignored, a local part alone
 * accepted (e.g. {@code MAILER-DAEMON}), dots anywhere in the local part (Japanese mobile
 * addresses) and {@code _} or edge hyphens in domain labels. A path that is not valid yields
 * nothing, so no address part of it can match.
 */
public final class EnvelopePath {

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~.";

  private EnvelopePath() {}

  /**
   * The address of {@code path} without brackets and source route ({@code ""} for the null path
   * {@code <>}), or empty when the path is not syntactically valid.
   */
  public static Optional<String> parse(String path) {
    String inner = path.trim();
    if (inner.startsWith("<")) {
      if (!inner.endsWith(">") || inner.length() < 2) {
        return Optional.empty();
      }
      inner = inner.substring(1, inner.length() - 1);
    }
    if (inner.isEmpty()) {
      return Optional.of("");
    }
    if (inner.startsWith("@")) {
      int colon = inner.indexOf(':');
      if (colon < 0 || !validRoute(inner.substring(0, colon))) {
        return Optional.empty();
      }
      inner = inner.substring(colon + 1);
    }
    return validMailbox(inner) ? Optional.of(inner) : Optional.empty();
  }

  /** {@code @domain *("," "@" domain)}: the at-domain-list of a source route. */
  private static boolean validRoute(String route) {
    for (String hop : route.split(",", -1)) {
      if (!hop.startsWith("@") || !validDomain(hop.substring(1))) {
        return false;
      }
    }
    return true;
  }

  /** {@code local-part ["@" domain]}. */
  private static boolean validMailbox(String mailbox) {
    int localEnd;
    if (mailbox.startsWith("\"")) {
      localEnd = quotedStringEnd(mailbox);
      if (localEnd < 0) {
        return false;
      }
    } else {
      localEnd = mailbox.indexOf('@');
      if (localEnd < 0) {
        localEnd = mailbox.length();
      }
      if (!validDotAtomText(mailbox.substring(0, localEnd))) {
        return false;
      }
    }
    if (localEnd == mailbox.length()) {
      return true;
    }
    return mailbox.charAt(localEnd) == '@' && validDomain(mailbox.substring(localEnd + 1));
  }

  /** Where the quoted string at the start of {@code text} ends (just past its quote), or -1. */
  private static int quotedStringEnd(String text) {
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      } else if (c < ' ' || c == 127) {
        return -1;
      }
    }
    return -1;
  }

  /** Atoms with dots anywhere, as Pigeonhole allows for local parts. */
  private static boolean validDotAtomText(String local) {
    if (local.isEmpty()) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean atext =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ATEXT_SPECIALS.indexOf(c) >= 0
              || c >= 0x80;
      if (!atext) {
        return false;
      }
    }
    return true;
  }

  /** Dot-separated non-empty labels of letters, digits, '-' and '_', or an address literal. */
  private static boolean validDomain(String domain) {
    if (domain.startsWith("[")) {
      return domain.endsWith("]")
          && domain.length() > 2
          && domain.substring(1, domain.length() - 1).chars().noneMatch(EnvelopePath::badLiteral);
    }
    if (domain.isEmpty()) {
      return false;
    }
    for (String label : domain.split("\\.", -1)) {
      if (label.isEmpty()) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean allowed =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c >= 0x80;
        if (!allowed) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean badLiteral(int c) {
    return c <= ' ' || c == '[' || c == ']' || c == '\\' || c >= 127;
  }
}
