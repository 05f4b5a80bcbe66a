package org.postern.sieve.validation;

import java.util.List;
import org.postern.sieve.runtime.ExecutableCommand;
import org.postern.sieve.runtime.ExecutableTest;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;

/** if / elsif / else: the first branch whose test holds runs; a trailing extra branch is else. */
record IfChain(List<ExecutableTest> conditions, List<ExecutableCommand> branches)
    implements ExecutableCommand {

  IfChain {
    conditions = List.copyOf(conditions);
    branches = List.copyOf(branches);
  }

  @Override
  public boolean execute(Execution execution) throws SieveRuntimeException {
    for (int i = 0; i < conditions.size(); i++) {
      if (conditions.get(i).evaluate(execution)) {
        return branches.get(i).execute(execution);
      }
    }
    if (branches.size() > conditions.size()) {
      return branches.get(conditions.size()).execute(execution);
    }
    return true;
  }
}
