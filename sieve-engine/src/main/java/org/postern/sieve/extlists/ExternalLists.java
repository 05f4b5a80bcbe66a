package org.postern.sieve.extlists;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The external lists a user's scripts may name, configured by the caller (RFC 6134). The default
 * address book {@link ExternalListName#DEFAULT_ADDRESS_BOOK} is always known. Thread-safe.
 */
public final class ExternalLists {

  private static final ExternalLists NONE = new ExternalLists(Map.of());

  /** Lower-cased canonical name to list. */
  private final Map<String, ExternalList> lists;

  private ExternalLists(Map<String, ExternalList> lists) {
    this.lists = lists;
  }

  /** Only the empty default address book. */
  public static ExternalLists none() {
    return NONE;
  }

  /**
   * The lists keyed by name (full URIs or {@code :addrbook:...} shorthands).
   *
   * @throws InvalidListNameException when a name is invalid or two names are the same list
   */
  public static ExternalLists of(Map<String, ExternalList> byName) throws InvalidListNameException {
    Map<String, ExternalList> lists = new LinkedHashMap<>();
    for (Map.Entry<String, ExternalList> entry : byName.entrySet()) {
      String key = ExternalListName.normalize(entry.getKey()).toLowerCase(Locale.ROOT);
      if (lists.putIfAbsent(key, entry.getValue()) != null) {
        throw new InvalidListNameException(
            "list '" + entry.getKey() + "' is configured twice: give each list one name");
      }
    }
    return new ExternalLists(Map.copyOf(lists));
  }

  /**
   * The list named {@code name} (any valid spelling), or empty when no such list is configured.
   *
   * @throws InvalidListNameException when {@code name} is not a valid list name
   */
  public Optional<ExternalList> find(String name) throws InvalidListNameException {
    String key = ExternalListName.normalize(name).toLowerCase(Locale.ROOT);
    ExternalList list = lists.get(key);
    if (list == null && key.equals(ExternalListName.DEFAULT_ADDRESS_BOOK)) {
      return Optional.of(ExternalList.EMPTY);
    }
    return Optional.ofNullable(list);
  }

  /** The canonical (lower-case) names of the configured lists, default address book included. */
  public Set<String> names() {
    Set<String> names = new java.util.TreeSet<>(lists.keySet());
    names.add(ExternalListName.DEFAULT_ADDRESS_BOOK);
    return Set.copyOf(names);
  }
}
