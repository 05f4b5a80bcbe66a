package org.postern.sieve.validation;

import java.util.List;
import org.postern.sieve.runtime.ExecutableTest;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;

/** allof: true when every test holds, evaluated left to right with short-circuit. */
record AllOf(List<ExecutableTest> tests) implements ExecutableTest {

  AllOf {
    tests = List.copyOf(tests);
  }

  @Override
  public boolean evaluate(Execution execution) throws SieveRuntimeException {
    for (ExecutableTest test : tests) {
      if (!test.evaluate(execution)) {
        return false;
      }
    }
    return true;
  }
}
