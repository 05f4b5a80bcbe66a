package org.postern.sieve.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postern.sieve.message.SieveMessage;

/**
 * The outcome of one run: the actions to perform (the implicit keep appears as an implicit {@link
 * StoreAction}), if the run failed, why (a failed run always keeps the message), and for actions
 * that apply to a message edited by editheader, that message, keyed by the action's index.
 */
public record SieveResult(
    List<SieveAction> actions, Optional<String> error, Map<Integer, SieveMessage> editedMessages) {

  /** Copies the collections so the result stays immutable. */
  public SieveResult {
    actions = List.copyOf(actions);
    editedMessages = Map.copyOf(editedMessages);
  }

  /** A result whose actions all apply to the message as received. */
  public SieveResult(List<SieveAction> actions, Optional<String> error) {
    this(actions, error, Map.of());
  }

  /** The message the action at {@code index} delivers: the edited one, else {@code original}. */
  public SieveMessage messageFor(int index, SieveMessage original) {
    return editedMessages.getOrDefault(index, original);
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
