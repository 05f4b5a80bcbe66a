package org.postern.dkim.signingtable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sender patterns mapped to what signs their mail ({@code T}); {@link #lookup} returns the target
 * of the most specific matching pattern: the address, then its domain, then the deepest {@code
 * *@*.parent}, then {@code *}. Immutable once built; a pattern listed twice is refused, so no
 * lookup is ambiguous.
 *
 * @param <T> what a pattern selects (a signer, a key name)
 */
public final class SigningTable<T> {
  private final Map<SenderPattern, T> entries;

  private SigningTable(Map<SenderPattern, T> entries) {
    this.entries = entries;
  }

  /** A new builder. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** An empty table: every lookup misses. */
  public static <T> SigningTable<T> empty() {
    return new SigningTable<>(Map.of());
  }

  /** The number of patterns. */
  public int size() {
    return entries.size();
  }

  /** The target of the most specific pattern matching {@code address}, if any. */
  public Optional<T> lookup(String address) {
    return match(address).map(entries::get);
  }

  /** The most specific pattern matching {@code address}, if any. */
  public Optional<SenderPattern> match(String address) {
    Optional<String> found = SenderPattern.domainOf(address);
    if (found.isPresent() && !found.get().isEmpty()) {
      String domain = found.get();
      String local = address.substring(0, address.lastIndexOf('@'));
      SenderPattern exact =
          new SenderPattern(SenderPattern.Kind.ADDRESS, local.toLowerCase(Locale.ROOT), domain);
      if (entries.containsKey(exact)) {
        return Optional.of(exact);
      }
      SenderPattern wholeDomain = new SenderPattern(SenderPattern.Kind.DOMAIN, "", domain);
      if (entries.containsKey(wholeDomain)) {
        return Optional.of(wholeDomain);
      }
      for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
        SenderPattern parent =
            new SenderPattern(SenderPattern.Kind.SUBDOMAINS, "", domain.substring(dot + 1));
        if (entries.containsKey(parent)) {
          return Optional.of(parent);
        }
      }
    }
    SenderPattern any = new SenderPattern(SenderPattern.Kind.ANY, "", "");
    return entries.containsKey(any) ? Optional.of(any) : Optional.empty();
  }

  /** Collects patterns; a pattern added twice is refused. */
  public static final class Builder<T> {
    private final Map<SenderPattern, T> entries = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Maps {@code pattern} to {@code target}.
     *
     * @throws InvalidSenderPatternException when the pattern is malformed or already in the table
     */
    public Builder<T> add(String pattern, T target) throws InvalidSenderPatternException {
      return add(SenderPattern.parse(pattern), target);
    }

    /**
     * Maps a parsed pattern to {@code target}.
     *
     * @throws InvalidSenderPatternException when the pattern is already in the table
     */
    public Builder<T> add(SenderPattern pattern, T target) throws InvalidSenderPatternException {
      if (entries.containsKey(pattern)) {
        throw new InvalidSenderPatternException(
            "sender pattern '" + pattern + "' is listed twice: which entry applies is ambiguous");
      }
      entries.put(pattern, Objects.requireNonNull(target, "target"));
      return this;
    }

    /** The table. */
    public SigningTable<T> build() {
      return new SigningTable<>(new HashMap<>(entries));
    }
  }
}
