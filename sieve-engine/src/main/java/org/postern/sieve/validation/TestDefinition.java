package org.postern.sieve.validation;

import org.postern.sieve.runtime.ExecutableTest;

/** A test known to the registry, with the extension it belongs to (null for core). */
public record TestDefinition(
    String name, String extension, Signature signature, Compiler compiler) {

  /** Turns validated arguments into the executable test. */
  @FunctionalInterface
  public interface Compiler {
    /** Compiles; reports problems through {@code context} and may then return anything. */
    ExecutableTest compile(BoundArguments arguments, CompileContext context);
  }
}
