package org.postern.milter.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.reply.Verdict;

/**
 * A mail filter: one method per SMTP stage, each answering a {@link Verdict} now or later, so a
 * filter can wait for DNS or a crypto pool without blocking an event loop. Every method is called
 * on the connection's event loop, one stage at a time: the next stage is not called before the
 * previous stage's answer completed. The defaults answer {@link #CONTINUE} at once.
 *
 * <p>One instance serves one milter connection (the server asks its factory for a new one per
 * connection), so fields may hold per-connection and per-message state.
 *
 * <p>Verdicts: CONTINUE goes on; ACCEPT, REJECT, TEMPFAIL, DISCARD and a {@link
 * org.postern.milter.reply.ReplyCode} decide (at RCPT, REJECT/TEMPFAIL/reply code refuse only that
 * recipient); SKIP from {@link #body} asks for no more body chunks. A failed stage or a thrown
 * exception makes the server answer TEMPFAIL for the message.
 */
public interface MilterHandler {

  /** An already completed CONTINUE, the answer of every default method. */
  CompletionStage<Verdict> CONTINUE = CompletableFuture.completedStage(new Verdict.Continue());

  /** An already completed SKIP, for {@link #body} once a filter has seen enough. */
  CompletionStage<Verdict> SKIP = CompletableFuture.completedStage(new Verdict.Skip());

  /** A completed stage answering {@code verdict}. */
  static CompletionStage<Verdict> answer(Verdict verdict) {
    return CompletableFuture.completedStage(verdict);
  }

  /**
   * The actions, protocol bits and macros this filter needs; asked once per connection, before
   * negotiation. A required action the MTA does not offer fails the negotiation.
   */
  default MilterRequirements requirements() {
    return MilterRequirements.none();
  }

  /** The SMTP client connected. */
  default CompletionStage<Verdict> connect(MilterContext context, MilterCommand.Connect connect) {
    return CONTINUE;
  }

  /** HELO or EHLO. */
  default CompletionStage<Verdict> helo(MilterContext context, MilterCommand.Helo helo) {
    return CONTINUE;
  }

  /** MAIL FROM: a new message starts. */
  default CompletionStage<Verdict> mail(MilterContext context, MilterCommand.Mail mail) {
    return CONTINUE;
  }

  /** RCPT TO, once per recipient; REJECT or TEMPFAIL refuse this recipient only. */
  default CompletionStage<Verdict> recipient(
      MilterContext context, MilterCommand.Recipient recipient) {
    return CONTINUE;
  }

  /** The DATA command. */
  default CompletionStage<Verdict> data(MilterContext context) {
    return CONTINUE;
  }

  /** One header, in message order. */
  default CompletionStage<Verdict> header(MilterContext context, MilterCommand.Header header) {
    return CONTINUE;
  }

  /** All headers were seen. */
  default CompletionStage<Verdict> endOfHeaders(MilterContext context) {
    return CONTINUE;
  }

  /** A piece of the body (CRLF line ends); answer SKIP to get no more pieces of this message. */
  default CompletionStage<Verdict> body(MilterContext context, MilterCommand.BodyChunk chunk) {
    return CONTINUE;
  }

  /**
   * End of message: the last chance to decide, and the only place to change the message, through
   * {@code modifier}, before the returned stage completes.
   */
  default CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
    return CONTINUE;
  }

  /** An SMTP command the MTA did not know. */
  default CompletionStage<Verdict> unknown(
      MilterContext context, MilterCommand.UnknownCommand command) {
    return CONTINUE;
  }

  /**
   * The message got its final answer: {@code verdict} is what the MTA was told (whichever filter
   * decided). Called for every message that got one, on every filter of a chain.
   */
  default void messageDecided(MilterContext context, Verdict verdict) {}

  /** The current message was abandoned (SMTP RSET, a lost client, another filter's decision). */
  default void abort(MilterContext context) {}

  /** The SMTP connection ended; on QUIT_NC a new one follows with the same handler. */
  default void close(MilterContext context) {}
}
