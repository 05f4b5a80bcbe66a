package org.postern.sieve.validation;

import java.util.List;
import org.postern.sieve.runtime.ExecutableTest;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;

/** anyof: true when some test holds, evaluated left to right with short-circuit. */
record AnyOf(List<ExecutableTest> tests) implements ExecutableTest {

  AnyOf {
    tests = List.copyOf(tests);
  }

  @Override
  public boolean evaluate(Execution execution) throws SieveRuntimeException {
    for (ExecutableTest test : tests) {
      if (test.evaluate(execution)) {
        return true;
      }
    }
    return false;
  }
}
