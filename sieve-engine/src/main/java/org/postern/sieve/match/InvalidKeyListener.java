package org.postern.sieve.match;

/**
 * Told about a {@code :regex} key, built at run time, that does not compile; the match skips the
 * key (it matches nothing) and the run goes on, as in Pigeonhole.
 */
@FunctionalInterface
public interface InvalidKeyListener {

  /** Ignores invalid keys. */
  InvalidKeyListener IGNORE = (key, description) -> {};

  /** Called once per invalid key of a test, with the compiler's description of the problem. */
  void invalidKey(String key, String description);
}
