package org.postern.sieve.extensions;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Site settings of editheader, as Pigeonhole's {@code sieve_editheader_*}: header fields scripts
 * may not add or delete (beyond the always protected {@code Received} and {@code Auto-Submitted},
 * which can be added but never deleted) and the largest field an {@code addheader} may write.
 *
 * @param forbidAdd field names (any case) that addheader silently leaves alone
 * @param forbidDelete field names (any case) that deleteheader silently leaves alone
 * @param maxHeaderSize largest value, in bytes, addheader accepts
 */
public record EditHeaderSettings(
    Set<String> forbidAdd, Set<String> forbidDelete, int maxHeaderSize) {

  /** Lower-cases and copies the name sets. */
  public EditHeaderSettings {
    forbidAdd = lower(forbidAdd);
    forbidDelete = lower(forbidDelete);
    if (maxHeaderSize <= 0) {
      throw new IllegalArgumentException("maxHeaderSize must be positive: " + maxHeaderSize);
    }
  }

  /** Pigeonhole's defaults: nothing configured, 2048 bytes per field. */
  public static EditHeaderSettings defaults() {
    return new EditHeaderSettings(Set.of(), Set.of(), 2048);
  }

  /** Whether a script may add a field named {@code name}; Subject can never be protected. */
  public boolean mayAdd(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("subject") || !forbidAdd.contains(lower);
  }

  /** Whether a script may delete fields named {@code name} (RFC 5293 section 6). */
  public boolean mayDelete(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("received") || lower.equals("auto-submitted")) {
      return false;
    }
    return lower.equals("subject") || !forbidDelete.contains(lower);
  }

  private static Set<String> lower(Set<String> names) {
    return names.stream()
        .map(n -> n.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
