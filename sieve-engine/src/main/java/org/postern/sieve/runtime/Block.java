package org.postern.sieve.runtime;

import java.util.List;

/** A sequence of commands run in order; the interpreter loop, checking the time budget. */
public record Block(List<ExecutableCommand> commands) implements ExecutableCommand {

  /** Copies the list so the block stays immutable. */
  public Block {
    commands = List.copyOf(commands);
  }

  @Override
  public boolean execute(Execution execution) throws SieveRuntimeException {
    for (ExecutableCommand command : commands) {
      execution.checkBudget();
      if (!command.execute(execution)) {
        return false;
      }
    }
    return true;
  }
}
