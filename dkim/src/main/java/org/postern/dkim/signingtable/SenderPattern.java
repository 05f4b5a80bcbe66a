package org.postern.dkim.signingtable;

import java.util.Locale;
import java.util.Optional;

/**
 * One signing-table pattern. Four forms only, so that two different patterns matching one address
 * are always ordered by specificity: {@code alice@example.org} (that address), {@code
 * *@example.org} (any mailbox of the domain), {@code *@*.example.org} (any mailbox of a strict
 * subdomain; deeper suffixes are more specific) and {@code *} (any sender). Comparison ignores
 * case.
 *
 * @param kind which form
 * @param localPart the local part of an {@link Kind#ADDRESS} pattern, lower case; empty otherwise
 * @param domain the domain (for {@link Kind#SUBDOMAINS}: the parent), lower case; empty for {@link
 *     Kind#ANY}
 */
public record SenderPattern(Kind kind, String localPart, String domain) {
  private static final int MAX_DOMAIN = 253;
  private static final int MAX_LABEL = 63;

  /** The forms, least specific first. */
  public enum Kind {
    /** {@code *}: every sender. */
    ANY,
    /** {@code *@*.example.org}: mailboxes of strict subdomains. */
    SUBDOMAINS,
    /** {@code *@example.org}: mailboxes of the domain. */
    DOMAIN,
    /** {@code alice@example.org}: one mailbox. */
    ADDRESS
  }

  /**
   * Parses a pattern.
   *
   * @throws InvalidSenderPatternException when it is none of the four forms
   */
  public static SenderPattern parse(String text) throws InvalidSenderPatternException {
    if (text == null || text.isEmpty()) {
      throw new InvalidSenderPatternException("empty sender pattern");
    }
    if (text.equals("*")) {
      return new SenderPattern(Kind.ANY, "", "");
    }
    int at = text.lastIndexOf('@');
    if (at < 0) {
      throw new InvalidSenderPatternException(
          "'"
              + text
              + "' is not a sender pattern: expected local@domain, *@domain, *@*.domain or *");
    }
    String local = text.substring(0, at);
    String domainPart = text.substring(at + 1);
    boolean subdomains = domainPart.startsWith("*.");
    String domain = normalise(subdomains ? domainPart.substring(2) : domainPart);
    checkDomain(text, domain);
    if (local.equals("*")) {
      return new SenderPattern(subdomains ? Kind.SUBDOMAINS : Kind.DOMAIN, "", domain);
    }
    checkLocalPart(text, local);
    if (subdomains) {
      throw new InvalidSenderPatternException(
          "'"
              + text
              + "': a subdomain wildcard needs the local part *, as in *@*."
              + domain
              + " (a mailbox of any subdomain would be ambiguous against *@sub."
              + domain
              + ")");
    }
    return new SenderPattern(Kind.ADDRESS, local.toLowerCase(Locale.ROOT), domain);
  }

  /** Whether the address ({@code local@domain}, any case) matches. */
  public boolean matches(String address) {
    int at = address.lastIndexOf('@');
    if (kind == Kind.ANY) {
      return true;
    }
    if (at < 0) {
      return false;
    }
    String addressDomain = normalise(address.substring(at + 1));
    return switch (kind) {
      case ADDRESS ->
          addressDomain.equals(domain)
              && address.substring(0, at).toLowerCase(Locale.ROOT).equals(localPart);
      case DOMAIN -> addressDomain.equals(domain);
      case SUBDOMAINS -> addressDomain.endsWith("." + domain);
      case ANY -> true;
    };
  }

  /**
   * Whether every address this pattern matches lies within {@code signingDomain} (the domain or a
   * subdomain), so it may be named as the agent identity {@code i=} of a signature with that {@code
   * d=}.
   */
  public boolean within(String signingDomain) {
    String parent = normalise(signingDomain);
    return kind != Kind.ANY && (domain.equals(parent) || domain.endsWith("." + parent));
  }

  /** The pattern as written in config, lower case. */
  @Override
  public String toString() {
    return switch (kind) {
      case ANY -> "*";
      case SUBDOMAINS -> "*@*." + domain;
      case DOMAIN -> "*@" + domain;
      case ADDRESS -> localPart + "@" + domain;
    };
  }

  /** Lower case without a trailing dot. */
  static String normalise(String domain) {
    String lower = domain.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** The domain of an address, normalised; empty when there is no {@code @}. */
  static Optional<String> domainOf(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? Optional.empty() : Optional.of(normalise(address.substring(at + 1)));
  }

  private static void checkDomain(String text, String domain) throws InvalidSenderPatternException {
    if (domain.isEmpty() || domain.length() > MAX_DOMAIN) {
      throw new InvalidSenderPatternException("'" + text + "' has no valid domain");
    }
    for (String label : domain.split("\\.", -1)) {
      if (label.isEmpty()
          || label.length() > MAX_LABEL
          || !label.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
        throw new InvalidSenderPatternException(
            "'"
                + text
                + "': '"
                + domain
                + "' is not a domain name (letters, digits and hyphens; a wildcard only as"
                + " the leading *.)");
      }
    }
  }

  private static void checkLocalPart(String text, String local)
      throws InvalidSenderPatternException {
    if (local.isEmpty()) {
      throw new InvalidSenderPatternException("'" + text + "' has an empty local part");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c == '*') {
        throw new InvalidSenderPatternException(
            "'" + text + "': a wildcard must be the whole local part (*@domain)");
      }
      if (c <= ' ' || c == 0x7f || c == '@') {
        throw new InvalidSenderPatternException(
            "'" + text + "': the local part may not contain spaces, controls or @");
      }
    }
  }
}
