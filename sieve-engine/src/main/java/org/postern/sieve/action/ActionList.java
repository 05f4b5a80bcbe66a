package org.postern.sieve.action;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.postern.sieve.message.SieveMessage;

/**
 * Collects the actions of one run with RFC 5228 section 4 semantics: keep, fileinto, redirect,
 * reject and discard cancel the implicit keep (unless {@code :copy}); storing twice into the same
 * mailbox or redirecting twice to the same address is done once; reject conflicts with actions that
 * deliver the message. Not thread-safe: one per run.
 */
public final class ActionList {

  private final List<SieveAction> actions = new ArrayList<>();
  private final List<SieveMessage> messages = new ArrayList<>();
  private final Set<Integer> keeps = new HashSet<>();
  private final Set<String> internalFlags = new LinkedHashSet<>();
  private SieveMessage editedMessage;
  private boolean implicitKeep = true;
  private int count;
  private int executed;

  /** Records an explicit keep into INBOX. */
  public void keep(List<String> flags) throws ActionConflictException {
    store("INBOX", flags, false, true);
  }

  /** Records a fileinto; {@code copy} keeps the implicit keep (RFC 3894). */
  public void fileInto(String mailbox, List<String> flags, boolean copy)
      throws ActionConflictException {
    fileInto(mailbox, flags, copy, false);
  }

  /**
   * Records a fileinto; {@code copy} keeps the implicit keep (RFC 3894), {@code create} lets the
   * store create a missing mailbox (RFC 5490).
   */
  public void fileInto(String mailbox, List<String> flags, boolean copy, boolean create)
      throws ActionConflictException {
    store(mailbox, flags, copy, false, create);
  }

  private void store(String mailbox, List<String> flags, boolean copy, boolean keep)
      throws ActionConflictException {
    store(mailbox, flags, copy, keep, false);
  }

  private void store(String mailbox, List<String> flags, boolean copy, boolean keep, boolean create)
      throws ActionConflictException {
    conflictWithReject("fileinto/keep");
    if (!copy) {
      implicitKeep = false;
    }
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) instanceof StoreAction existing
          && sameMailbox(existing.mailbox(), mailbox)) {
        // Stored once; the last flag list wins (RFC 5232 section 5), and a keep absorbs an
        // equivalent fileinto "INBOX".
        actions.set(
            i, new StoreAction(existing.mailbox(), flags, false, existing.create() || create));
        if (keep) {
          keeps.add(i);
        }
        return;
      }
    }
    count++;
    if (keep) {
      keeps.add(actions.size());
    }
    add(new StoreAction(mailbox, flags, false, create));
  }

  /** Whether the recorded store at {@code index} came from {@code keep} rather than fileinto. */
  public boolean explicitKeep(int index) {
    return keeps.contains(index);
  }

  /**
   * The internal IMAP flags variable of RFC 5232. It belongs to the result, so scripts run in
   * sequence for one delivery (see {@link #markExecuted()}) share it.
   */
  public Set<String> internalFlags() {
    return internalFlags;
  }

  /**
   * Records that the caller has carried out every action recorded so far, as when scripts run in
   * sequence for one delivery and each script's result is executed before the next runs. Later
   * actions then no longer conflict with these: a reject after an executed delivery is kept, and a
   * second reject after an executed one is dropped without error.
   */
  public void markExecuted() {
    executed = actions.size();
  }

  /** Records a redirect; {@code copy} keeps the implicit keep. Returns false if a duplicate. */
  public boolean redirect(String address, boolean copy) throws ActionConflictException {
    conflictWithReject("redirect");
    if (!copy) {
      implicitKeep = false;
    }
    for (SieveAction action : actions) {
      if (action instanceof RedirectAction existing
          && existing.address().equalsIgnoreCase(address)) {
        return false;
      }
    }
    count++;
    add(new RedirectAction(address));
    return true;
  }

  /** Records a reject or ereject; conflicts with explicit deliveries. */
  public void reject(String reason, boolean extended) throws ActionConflictException {
    for (int i = 0; i < executed; i++) {
      if (actions.get(i) instanceof RejectAction) {
        return;
      }
    }
    for (SieveAction action : actions.subList(executed, actions.size())) {
      if (action instanceof StoreAction || action instanceof RedirectAction) {
        throw new ActionConflictException(
            "reject conflicts with an earlier fileinto, keep or redirect");
      }
      if (action instanceof RejectAction || action instanceof VacationAction) {
        throw new ActionConflictException(
            "reject conflicts with an earlier "
                + (action instanceof RejectAction ? "reject" : "vacation"));
      }
    }
    implicitKeep = false;
    count++;
    add(new RejectAction(reason, extended));
  }

  /** Records a discard: cancels only the implicit keep. */
  public void discard() {
    implicitKeep = false;
    for (SieveAction action : actions) {
      if (action instanceof DiscardAction) {
        return;
      }
    }
    add(new DiscardAction());
  }

  /**
   * Records a notification; an identical one (same method, from, importance, options and message)
   * is sent once (RFC 5435 section 3.9). Returns false for such a duplicate.
   */
  public boolean notify(NotifyAction notification) {
    for (SieveAction action : actions) {
      if (action.equals(notification)) {
        return false;
      }
    }
    count++;
    add(notification);
    return true;
  }

  /** Records a vacation reply; only one per run (RFC 5230 4.7). */
  public void vacation(VacationAction vacation) throws ActionConflictException {
    for (SieveAction action : actions) {
      if (action instanceof VacationAction) {
        throw new ActionConflictException("only one vacation action is allowed per script run");
      }
      if (action instanceof RejectAction) {
        throw new ActionConflictException("vacation conflicts with an earlier reject");
      }
    }
    count++;
    add(vacation);
  }

  private void add(SieveAction action) {
    actions.add(action);
    messages.add(editedMessage);
  }

  /**
   * Records that the script edited the message (editheader): actions recorded from now on apply to
   * {@code after}, earlier ones keep the version they saw ({@code before} if not yet edited).
   */
  public void messageEdited(SieveMessage before, SieveMessage after) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) == null) {
        messages.set(i, before);
      }
    }
    editedMessage = after;
  }

  /** The edited message in force now, or {@code null} when the message was not edited. */
  public SieveMessage editedMessage() {
    return editedMessage;
  }

  /**
   * The edited message the recorded action at {@code index} applies to, or {@code null} when it
   * applies to the message as received.
   */
  public SieveMessage messageFor(int index) {
    return messages.get(index);
  }

  /** The actions recorded so far, in order, without the implicit keep. */
  public List<SieveAction> recorded() {
    return List.copyOf(actions);
  }

  /** Whether the implicit keep is still in force. */
  public boolean implicitKeep() {
    return implicitKeep;
  }

  /** Forgets every recorded action and the internal flags, and restores the implicit keep. */
  public void clear() {
    actions.clear();
    messages.clear();
    keeps.clear();
    internalFlags.clear();
    executed = 0;
    editedMessage = null;
    implicitKeep = true;
    count = 0;
  }

  /** How many actions count towards the limit (discard does not). */
  public int count() {
    return count;
  }

  /** Number of redirects recorded so far. */
  public int redirects() {
    // A loop, not a stream: checked after every action of every run.
    int redirects = 0;
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) instanceof RedirectAction) {
        redirects++;
      }
    }
    return redirects;
  }

  /** The final list: recorded actions plus the implicit keep if still in force. */
  public List<SieveAction> finish(List<String> implicitKeepFlags) {
    List<SieveAction> result = new ArrayList<>();
    boolean keep = implicitKeep;
    for (SieveAction action : actions) {
      if (keep && action instanceof StoreAction store && sameMailbox(store.mailbox(), "INBOX")) {
        // An explicit store into INBOX already delivers what the implicit keep would.
        keep = false;
      }
      result.add(action);
    }
    if (keep) {
      result.add(new StoreAction("INBOX", implicitKeepFlags, true));
    }
    return result;
  }

  private void conflictWithReject(String what) throws ActionConflictException {
    for (SieveAction action : actions) {
      if (action instanceof RejectAction) {
        throw new ActionConflictException(what + " conflicts with an earlier reject");
      }
    }
  }

  private static boolean sameMailbox(String a, String b) {
    // INBOX is case-insensitive (RFC 3501); other names are exact.
    if (a.equalsIgnoreCase("INBOX") && b.equalsIgnoreCase("INBOX")) {
      return true;
    }
    return a.equals(b);
  }
}
