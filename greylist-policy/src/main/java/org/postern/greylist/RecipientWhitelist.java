package org.postern.greylist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recipients never greylisted ({@code postmaster@} and {@code abuse@} usually): {@code user@} (that
 * local part at any domain), {@code @domain} or a bare {@code domain} (that domain and the ones
 * under it), {@code user@domain}, and {@code /regex/} matched against the whole address.
 */
public final class RecipientWhitelist {
  private final Set<String> users;
  private final List<String> domains;
  private final Set<String> addresses;
  private final List<Pattern> patterns;

  private RecipientWhitelist(
      Set<String> users, List<String> domains, Set<String> addresses, List<Pattern> patterns) {
    this.users = Set.copyOf(users);
    this.domains = List.copyOf(domains);
    this.addresses = Set.copyOf(addresses);
    this.patterns = List.copyOf(patterns);
  }

  /** A whitelist matching nothing. */
  public static RecipientWhitelist empty() {
    return new RecipientWhitelist(Set.of(), List.of(), Set.of(), List.of());
  }

  /**
   * Parses whitelist text; {@code source} names it in errors.
   *
   * @throws WhitelistSyntaxException at the first bad line
   */
  public static RecipientWhitelist parse(String source, String text) {
    Set<String> users = new HashSet<>();
    List<String> domains = new ArrayList<>();
    Set<String> addresses = new HashSet<>();
    List<Pattern> patterns = new ArrayList<>();
    for (WhitelistLines.Entry entry : WhitelistLines.entries(text)) {
      String value = entry.text().toLowerCase(Locale.ROOT);
      if (WhitelistLines.isRegex(entry.text())) {
        patterns.add(WhitelistLines.regex(source, entry));
        continue;
      }
      if (value.chars().anyMatch(Character::isWhitespace)) {
        throw new WhitelistSyntaxException(source, entry.line(), "spaces inside an entry");
      }
      int at = value.indexOf('@');
      if (at != value.lastIndexOf('@')) {
        throw new WhitelistSyntaxException(source, entry.line(), "more than one '@'");
      }
      if (at < 0) {
        domains.add(WhitelistLines.domain(source, entry.line(), value));
      } else if (at == 0) {
        if (value.length() == 1) {
          throw new WhitelistSyntaxException(source, entry.line(), "'@' alone names nothing");
        }
        domains.add(WhitelistLines.domain(source, entry.line(), value.substring(1)));
      } else if (at == value.length() - 1) {
        users.add(value.substring(0, at));
      } else {
        WhitelistLines.domain(source, entry.line(), value.substring(at + 1));
        addresses.add(value);
      }
    }
    return new RecipientWhitelist(users, domains, addresses, patterns);
  }

  /** Whether {@code recipient} matches an entry. */
  public boolean matches(String recipient) {
    String address = recipient.toLowerCase(Locale.ROOT);
    if (addresses.contains(address)) {
      return true;
    }
    int at = address.lastIndexOf('@');
    if (at >= 0) {
      if (users.contains(address.substring(0, at))) {
        return true;
      }
      String domain = address.substring(at + 1);
      for (String entry : domains) {
        if (WhitelistLines.inDomain(domain, entry)) {
          return true;
        }
      }
    }
    for (Pattern pattern : patterns) {
      if (pattern.matcher(address).find()) {
        return true;
      }
    }
    return false;
  }

  /** How many entries the list has, for the start-up log line. */
  public int size() {
    return users.size() + domains.size() + addresses.size() + patterns.size();
  }
}
