package org.postern.sieve.runtime;

/**
 * A variable namespace an extension provides (RFC 5229 section 3): variables named {@code
 * namespace.name}, such as include's {@code global.*}. Implementations must be thread-safe.
 */
public interface VariableNamespace {

  /** The value of the variable {@code name} (the part after the namespace's dot, lower case). */
  String value(String name, Execution execution);

  /** Whether {@code set} may assign its variables (they are then kept by {@link Variables}). */
  default boolean writable() {
    return false;
  }
}
