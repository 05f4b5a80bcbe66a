package org.postern.srs;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Domains whose senders are never rewritten, in postsrsd's notation: {@code example.com} matches
 * that domain only, {@code .example.com} matches its subdomains but not the domain itself.
 */
public final class LocalDomains {
  private final Set<String> exact;
  private final Set<String> parents;

  private LocalDomains(Set<String> exact, Set<String> parents) {
    this.exact = exact;
    this.parents = parents;
  }

  /** No local domains. */
  public static LocalDomains none() {
    return new LocalDomains(Set.of(), Set.of());
  }

  /** Parses the entries; each must be a domain, optionally with a leading dot. */
  public static LocalDomains of(Collection<String> entries) throws SrsConfigException {
    Set<String> exact = new HashSet<>();
    Set<String> parents = new HashSet<>();
    for (String entry : entries) {
      String domain = entry.strip().toLowerCase(Locale.ROOT);
      boolean subdomainsOnly = domain.startsWith(".");
      String name = subdomainsOnly ? domain.substring(1) : domain;
      if (name.isEmpty()
          || name.startsWith(".")
          || name.contains("@")
          || name.contains("=")
          || name.chars().anyMatch(Character::isWhitespace)) {
        throw new SrsConfigException(
            "not a domain or .domain: '" + entry + "' (expected e.g. example.com or .example.com)");
      }
      (subdomainsOnly ? parents : exact).add(name);
    }
    return new LocalDomains(Set.copyOf(exact), Set.copyOf(parents));
  }

  /** Whether {@code domain} (any case) is local. */
  public boolean contains(String domain) {
    String name = domain.toLowerCase(Locale.ROOT);
    if (exact.contains(name)) {
      return true;
    }
    // Walk up the labels: a.b.example.com is under .b.example.com and .example.com.
    for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
      if (parents.contains(name.substring(dot + 1))) {
        return true;
      }
    }
    return false;
  }

  /** Whether no domain is local. */
  public boolean isEmpty() {
    return exact.isEmpty() && parents.isEmpty();
  }
}
