package org.postern.sieve.extensions;

import org.postern.sieve.action.ActionConflictException;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;

/** RFC 5429 reject and ereject, as two extensions sharing one implementation. */
public final class RejectExtension implements SieveExtension {

  private final boolean extended;

  /** {@code reject} when {@code extended} is false, else {@code ereject}. */
  public RejectExtension(boolean extended) {
    this.extended = extended;
  }

  @Override
  public String name() {
    return extended ? "ereject" : "reject";
  }

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            name(),
            name(),
            Signature.of(ArgumentKind.STRING),
            (arguments, context) -> {
              SieveString reason = context.string(arguments.positional(0));
              return execution -> {
                try {
                  execution.actions().reject(reason.evaluate(execution), extended);
                } catch (ActionConflictException e) {
                  throw Execution.conflict(e);
                }
                execution.checkActionLimit();
                return true;
              };
            }));
  }
}
