package org.postern.sieve.validation;

/** An extension that a script can {@code require}; registers its commands and tests. */
public interface SieveExtension {

  /** The capability name used in {@code require}. */
  String name();

  /** Adds the extension's commands and tests to the registry. */
  void register(Registry registry);

  /** Extensions that requiring this one also enables (spamtestplus enables spamtest). */
  default java.util.Set<String> implies() {
    return java.util.Set.of();
  }
}
