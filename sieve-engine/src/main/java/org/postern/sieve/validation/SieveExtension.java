package org.postern.sieve.validation;

/** An extension that a script can {@code require}; registers its commands and tests. */
public interface SieveExtension {

  /** The capability name used in {@code require}. */
  String name();

  /** Adds the extension's commands and tests to the registry. */
  void register(Registry registry);

  /**
   * Extensions a script must also require when it requires this one (extracttext needs variables
   * and foreverypart); checked once all requires are read.
   */
  default java.util.Set<String> needs() {
    return java.util.Set.of();
  }

  /**
   * The variable namespaces (by lower-case name, such as {@code global}) a script that requires
   * this extension may use; references to any other namespace are compile errors.
   */
  default java.util.Map<String, org.postern.sieve.runtime.VariableNamespace> variableNamespaces() {
    return java.util.Map.of();
  }

  /** Extensions that requiring this one also enables (spamtestplus enables spamtest). */
  default java.util.Set<String> implies() {
    return java.util.Set.of();
  }
}
