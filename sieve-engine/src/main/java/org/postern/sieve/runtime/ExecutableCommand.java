package org.postern.sieve.runtime;

/** A compiled command; immutable and shared by concurrent runs. */
@FunctionalInterface
public interface ExecutableCommand {

  /** Runs the command; returns {@code false} when the script must stop. */
  boolean execute(Execution execution) throws SieveRuntimeException;
}
