package org.postern.dkim.keys;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postern.dkim.DkimAlgorithm;

/**
 * The signing keys of every domain: several selectors per domain (for rotation), of which one per
 * algorithm is active. A domain with an active RSA and an active Ed25519 key signs with both.
 */
public final class KeyRing {
  private final Map<String, List<SigningKey>> active;
  private final Map<String, List<SigningKey>> all;

  private KeyRing(Map<String, List<SigningKey>> active, Map<String, List<SigningKey>> all) {
    this.active = active;
    this.all = all;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The keys to sign mail of {@code domain} with; empty when the domain has none. */
  public List<SigningKey> signingKeys(String domain) {
    return active.getOrDefault(domain.toLowerCase(Locale.ROOT), List.of());
  }

  /** Every configured key of a domain, active or not (for publishing and rotation checks). */
  public List<SigningKey> allKeys(String domain) {
    return all.getOrDefault(domain.toLowerCase(Locale.ROOT), List.of());
  }

  /** Whether the domain has at least one active key. */
  public boolean signs(String domain) {
    return !signingKeys(domain).isEmpty();
  }

  /**
   * Collects keys; {@link #build()} checks that each domain has at most one active key per
   * algorithm.
   */
  public static final class Builder {
    private final Map<String, List<SigningKey>> active = new LinkedHashMap<>();
    private final Map<String, List<SigningKey>> all = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a key; {@code activeKey} marks the selector the domain signs with now. */
    public Builder add(SigningKey key, boolean activeKey) {
      all.computeIfAbsent(key.domain(), domain -> new ArrayList<>()).add(key);
      if (activeKey) {
        active.computeIfAbsent(key.domain(), domain -> new ArrayList<>()).add(key);
      }
      return this;
    }

    /**
     * The key ring.
     *
     * @throws IllegalStateException when a domain has two active keys of one algorithm or two keys
     *     with the same selector
     */
    public KeyRing build() {
      for (Map.Entry<String, List<SigningKey>> entry : all.entrySet()) {
        Set<String> selectors = new HashSet<>();
        for (SigningKey key : entry.getValue()) {
          if (!selectors.add(key.selector())) {
            throw new IllegalStateException(
                "selector " + key.selector() + " configured twice for " + entry.getKey());
          }
        }
      }
      for (Map.Entry<String, List<SigningKey>> entry : active.entrySet()) {
        Set<DkimAlgorithm> algorithms = new HashSet<>();
        for (SigningKey key : entry.getValue()) {
          if (!algorithms.add(key.algorithm())) {
            throw new IllegalStateException(
                entry.getKey()
                    + " has more than one active "
                    + key.algorithm().tagValue()
                    + " key");
          }
        }
      }
      Map<String, List<SigningKey>> activeCopy = new LinkedHashMap<>();
      active.forEach((domain, keys) -> activeCopy.put(domain, List.copyOf(keys)));
      Map<String, List<SigningKey>> allCopy = new LinkedHashMap<>();
      all.forEach((domain, keys) -> allCopy.put(domain, List.copyOf(keys)));
      return new KeyRing(Map.copyOf(activeCopy), Map.copyOf(allCopy));
    }
  }
}
