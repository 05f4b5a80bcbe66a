package org.postern.sieve.action;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one run: the actions to perform (the implicit keep appears as an implicit {@link
 * StoreAction}) and, if the run failed, why; a failed run always keeps the message.
 */
public record SieveResult(List<SieveAction> actions, Optional<String> error) {

  /** Copies the action list so the result stays immutable. */
  public SieveResult {
    actions = List.copyOf(actions);
  }

  /** Whether the run ended with an error (and so with an implicit keep only). */
  public boolean failed() {
    return error.isPresent();
  }

  /** Whether the message will be stored in INBOX by the implicit keep. */
  public boolean implicitKeep() {
    return actions.stream().anyMatch(a -> a instanceof StoreAction store && store.implicit());
  }
}
