package org.postern.milter.session;

import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.NegotiatedOptions;

/** What the server must do after {@link MilterSession#accept} took one command. */
public sealed interface SessionStep {

  /** Send {@code options.reply()}: negotiation succeeded. */
  record Negotiated(NegotiatedOptions options) implements SessionStep {}

  /**
   * Call the handlers for {@code stage} with {@code command}. When {@code replyExpected}, send
   * exactly one verdict (through {@link MilterSession#outgoing}); otherwise send nothing. When
   * {@code abortsPreviousMessage}, first tell the handlers the previous message was abandoned.
   */
  record Dispatch(
      Stage stage, MilterCommand command, boolean replyExpected, boolean abortsPreviousMessage)
      implements SessionStep {}

  /** Tell the handlers the current message was abandoned; reply nothing. */
  record AbortMessage() implements SessionStep {}

  /** Nothing to do and nothing to reply (macros stored, ABORT outside a message). */
  record NoAction() implements SessionStep {}

  /**
   * The SMTP connection ended; tell the handlers. With {@code socketStays} (QUIT_NC) a new
   * connection follows on the same socket, otherwise close it. Reply nothing.
   */
  record ConnectionEnded(boolean socketStays) implements SessionStep {}
}
