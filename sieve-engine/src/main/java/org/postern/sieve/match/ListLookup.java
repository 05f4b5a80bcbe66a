package org.postern.sieve.match;

import java.util.List;

/**
 * Looks values up in external lists for the {@code :list} match type (RFC 6134); supplied by the
 * extlists extension so the matcher stays free of list storage.
 */
@FunctionalInterface
public interface ListLookup {

  /** No lists configured: nothing is ever listed. */
  ListLookup NONE = (values, listNames) -> null;

  /**
   * The first of {@code values} that one of the lists named by {@code listNames} contains, or
   * {@code null} when none does. Names that are invalid or unknown name empty lists.
   *
   * @throws ListLookupException when a list cannot be read (a temporary failure)
   */
  String firstListed(List<String> values, List<String> listNames);
}
