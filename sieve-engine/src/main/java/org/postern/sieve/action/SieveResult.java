package org.postern.sieve.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postern.sieve.message.SieveMessage;

/**
 * The outcome of one run: the actions to perform (the implicit keep appears as an implicit {@link
 * StoreAction}), if the run failed, why (a failed run always keeps the message), for actions that
 * apply to a message edited by editheader, that message, keyed by the action's index, and the
 * errors the run survived (non-fatal run-time errors: reported to the user, the run went on).
 */
public record SieveResult(
    List<SieveAction> actions,
    Optional<String> error,
    Map<Integer, SieveMessage> editedMessages,
    List<String> nonFatalErrors) {

  /** Copies the collections so the result stays immutable. */
  public SieveResult {
    actions = List.copyOf(actions);
    editedMessages = Map.copyOf(editedMessages);
    nonFatalErrors = List.copyOf(nonFatalErrors);
  }

  /** A result without non-fatal errors. */
  public SieveResult(
      List<SieveAction> actions,
      Optional<String> error,
      Map<Integer, SieveMessage> editedMessages) {
    this(actions, error, editedMessages, List.of());
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

  /** Every error of the run: the non-fatal ones, then the one that ended it, if any. */
  public List<String> allErrors() {
    if (error.isEmpty()) {
      return nonFatalErrors;
    }
    List<String> all = new java.util.ArrayList<>(nonFatalErrors);
    all.add(error.get());
    return List.copyOf(all);
  }

  /** Whether the message will be stored in INBOX by the implicit keep. */
  public boolean implicitKeep() {
    return actions.stream().anyMatch(a -> a instanceof StoreAction store && store.implicit());
  }
}
