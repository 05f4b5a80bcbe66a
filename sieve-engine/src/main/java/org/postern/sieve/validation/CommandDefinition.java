package org.postern.sieve.validation;

import org.postern.sieve.runtime.ExecutableCommand;

/** An action command known to the registry, with the extension it belongs to (null for core). */
public record CommandDefinition(
    String name, String extension, Signature signature, Compiler compiler) {

  /** Turns validated arguments into the executable command. */
  @FunctionalInterface
  public interface Compiler {
    /** Compiles; reports problems through {@code context} and may then return anything. */
    ExecutableCommand compile(BoundArguments arguments, CompileContext context);
  }
}
