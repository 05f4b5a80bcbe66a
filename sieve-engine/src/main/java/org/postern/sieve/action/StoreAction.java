package org.postern.sieve.action;

import java.util.List;

/**
 * Store the message into {@code mailbox} (UTF-8 name, {@code INBOX} for keep) with IMAP flags;
 * {@code implicit} marks the implicit keep.
 */
public record StoreAction(String mailbox, List<String> flags, boolean implicit)
    implements SieveAction {

  /** Copies the flag list so the action stays immutable. */
  public StoreAction {
    flags = List.copyOf(flags);
  }
}
