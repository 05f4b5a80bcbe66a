package org.postern.sieve.action;

import java.util.List;

/**
 * Store the message into {@code mailbox} (UTF-8 name, {@code INBOX} for keep) with IMAP flags;
 * {@code implicit} marks the implicit keep. {@code create} says the script asked for the mailbox to
 * be created when missing (RFC 5490 {@code fileinto :create}); without it, storing into a missing
 * mailbox fails, and the caller then falls back to the implicit keep (RFC 5228 section 2.10.6), as
 * Pigeonhole does.
 */
public record StoreAction(String mailbox, List<String> flags, boolean implicit, boolean create)
    implements SieveAction {

  /** Copies the flag list so the action stays immutable. */
  public StoreAction {
    flags = List.copyOf(flags);
  }

  /** A store into a mailbox that must exist (keep, the implicit keep, fileinto without :create). */
  public StoreAction(String mailbox, List<String> flags, boolean implicit) {
    this(mailbox, flags, implicit, false);
  }

  /** Whether the mailbox must already exist for the store to succeed. */
  public boolean mailboxMustExist() {
    return !create;
  }
}
