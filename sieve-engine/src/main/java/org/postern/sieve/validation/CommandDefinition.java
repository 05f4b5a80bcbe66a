package org.postern.sieve.validation;

import org.postern.sieve.runtime.ExecutableCommand;

/**
 * An action command known to the registry, with the extension it belongs to (null for core) and
 * whether it takes a block (as {@code foreverypart} does).
 */
public record CommandDefinition(
    String name, String extension, Signature signature, boolean takesBlock, Compiler compiler) {

  /** A command without a block. */
  public CommandDefinition(String name, String extension, Signature signature, Compiler compiler) {
    this(name, extension, signature, false, compiler);
  }

  /** Turns validated arguments into the executable command. */
  @FunctionalInterface
  public interface Compiler {
    /** Compiles; reports problems through {@code context} and may then return anything. */
    ExecutableCommand compile(BoundArguments arguments, CompileContext context);
  }
}
