package org.postern.milter.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.postern.milter.negotiation.Action;
import org.postern.milter.reply.MessageModification;

/**
 * Collects the changes filters make at end of message, in order, refusing any whose action the MTA
 * did not agree to. Thread-safe, so a filter may call it from its own thread until its end of
 * message stage completes; the server then sends everything collected before the verdict.
 */
public final class MessageModifier {

  private final Predicate<Action> allowed;
  private final List<MessageModification> modifications = new ArrayList<>();
  private boolean closed;

  /** A modifier allowing the actions {@code allowed} accepts, usually {@code options::allows}. */
  public MessageModifier(Predicate<Action> allowed) {
    this.allowed = allowed;
  }

  /** Appends header {@code name} with {@code value} (a leading space is the filter's choice). */
  public MessageModifier addHeader(String name, String value) {
    return add(new MessageModification.AddHeader(name, value));
  }

  /** Inserts header {@code name} at {@code index} (0 is the top, above Received). */
  public MessageModifier insertHeader(int index, String name, String value) {
    return add(new MessageModification.InsertHeader(index, name, value));
  }

  /** Replaces the value of the {@code index}-th (1-based) header called {@code name}. */
  public MessageModifier changeHeader(int index, String name, String value) {
    return add(new MessageModification.ChangeHeader(index, name, value));
  }

  /** Deletes the {@code index}-th (1-based) header called {@code name}. */
  public MessageModifier deleteHeader(int index, String name) {
    return add(new MessageModification.ChangeHeader(index, name, ""));
  }

  /** Adds an envelope recipient. */
  public MessageModifier addRecipient(String recipient) {
    return add(new MessageModification.AddRecipient(recipient));
  }

  /** Adds an envelope recipient with ESMTP arguments (e.g. {@code NOTIFY=NEVER}). */
  public MessageModifier addRecipient(String recipient, String esmtpArguments) {
    return add(new MessageModification.AddRecipientWithArguments(recipient, esmtpArguments));
  }

  /** Removes an envelope recipient, named as it was given in RCPT. */
  public MessageModifier deleteRecipient(String recipient) {
    return add(new MessageModification.DeleteRecipient(recipient));
  }

  /** Replaces the envelope sender, with ESMTP arguments ({@code ""} for none). */
  public MessageModifier changeFrom(String sender, String esmtpArguments) {
    return add(new MessageModification.ChangeFrom(sender, esmtpArguments));
  }

  /** Replaces the whole body (CRLF line ends); sent in pieces of at most 65535 bytes. */
  public MessageModifier replaceBody(byte[] body) {
    requireAllowed(Action.CHANGE_BODY);
    synchronized (this) {
      requireOpen();
      modifications.addAll(MessageModification.ReplaceBody.chunks(body));
    }
    return this;
  }

  /** Puts the message on hold with {@code reason}. */
  public MessageModifier quarantine(String reason) {
    return add(new MessageModification.Quarantine(reason));
  }

  /**
   * Adds any modification.
   *
   * @throws ModificationRefusedException when its action was not negotiated or the modifier was
   *     closed
   */
  public MessageModifier add(MessageModification modification) {
    requireAllowed(modification.requiredAction());
    synchronized (this) {
      requireOpen();
      modifications.add(modification);
    }
    return this;
  }

  /** Whether the MTA agreed to {@code action}. */
  public boolean allows(Action action) {
    return allowed.test(action);
  }

  /** The modifications collected so far, in order. */
  public synchronized List<MessageModification> modifications() {
    return List.copyOf(modifications);
  }

  /** Refuses further modifications and returns the collected ones. */
  public synchronized List<MessageModification> close() {
    closed = true;
    return List.copyOf(modifications);
  }

  private void requireAllowed(Action action) {
    if (!allowed.test(action)) {
      throw new ModificationRefusedException(
          "the MTA did not agree to action "
              + action
              + "; declare it in the handler's requirements");
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new ModificationRefusedException("end of message was already answered");
    }
  }
}
