package org.postern.sieve.extlists;

import java.util.Collection;
import java.util.Set;

/**
 * One external list (an address book, a list of trusted senders) as the caller stores it; the
 * engine only asks whether a value is a member. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ExternalList {

  /** A list without members. */
  ExternalList EMPTY = value -> false;

  /**
   * Whether {@code value} (an address or header value, compared exactly) is a member.
   *
   * @throws ExternalListException when the list cannot be read
   */
  boolean contains(String value) throws ExternalListException;

  /** A list holding exactly {@code members}. */
  static ExternalList of(Collection<String> members) {
    Set<String> copy = Set.copyOf(members);
    return copy::contains;
  }
}
