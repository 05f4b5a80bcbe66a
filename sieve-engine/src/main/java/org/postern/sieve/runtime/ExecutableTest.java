package org.postern.sieve.runtime;

/** A compiled test; immutable and shared by concurrent runs. */
@FunctionalInterface
public interface ExecutableTest {

  /** Evaluates the test against the run's message and state. */
  boolean evaluate(Execution execution) throws SieveRuntimeException;
}
