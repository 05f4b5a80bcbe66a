package org.postern.milter.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.postern.common.server.InFlightRequests;
import org.postern.milter.codec.MilterProtocolException;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MessageModifier;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.NegotiationException;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;
import org.postern.milter.session.MilterSession;
import org.postern.milter.session.SessionStep;
import org.postern.milter.session.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one connection's {@link MilterSession} with its filter: one command at a time (a command
 * read while a filter works waits in a queue, and reading pauses), each reply burst written with
 * one flush. A failed or timed-out stage answers TEMPFAIL and keeps the connection; a failed stage
 * without reply makes the next replied stage of the message answer TEMPFAIL.
 */
final class MilterConnectionHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(MilterConnectionHandler.class);
  private static final Verdict TEMPFAIL = new Verdict.Tempfail();

  private final MilterHandler handler;
  private final MilterSession session;
  private final Duration stageTimeout;
  private final MilterStats stats;
  private final Deque<MilterCommand> pending = new ArrayDeque<>();
  private ChannelHandlerContext context;
  private SessionContext view;
  private boolean busy;
  private boolean draining;
  private boolean readPaused;
  private Object currentStage;
  private ScheduledFuture<?> timeout;
  private Verdict carriedVerdict;
  private boolean messageOpen;
  private long messageStartNanos;
  private boolean connectionEnded;

  MilterConnectionHandler(MilterHandler handler, Duration stageTimeout, MilterStats stats) {
    this.handler = handler;
    this.session = new MilterSession(handler.requirements());
    this.stageTimeout = stageTimeout;
    this.stats = stats;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.context = context;
    this.view = new SessionContext(session, context.executor());
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    stats.connections.increment();
    context.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    if (!(message instanceof MilterCommand command)) {
      context.fireChannelRead(message);
      return;
    }
    pending.add(command);
    drain();
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    currentStage = null;
    if (timeout != null) {
      timeout.cancel(false);
    }
    pending.clear();
    endConnection();
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    if (cause instanceof MilterProtocolException violation) {
      protocolViolation(violation);
    } else {
      LOG.debug("milter connection {} failed: {}", peer(), cause.toString());
      context.close();
    }
  }

  // Stages answered at once finish inside process(); the flag keeps that from recursing.
  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!busy && !pending.isEmpty() && context.channel().isActive()) {
        process(pending.poll());
      }
    } finally {
      draining = false;
    }
  }

  private void process(MilterCommand command) {
    SessionStep step;
    try {
      step = session.accept(command);
    } catch (NegotiationException e) {
      stats.negotiationFailures.increment();
      LOG.error(
          "milter negotiation with {} failed, closing: {}; the MTA must offer what the filters"
              + " need",
          peer(),
          e.getMessage());
      closeNow();
      return;
    } catch (MilterProtocolException e) {
      protocolViolation(e);
      return;
    }
    if (step instanceof SessionStep.Negotiated negotiated) {
      context.writeAndFlush(negotiated.options().reply());
    } else if (step instanceof SessionStep.AbortMessage) {
      abortMessage();
    } else if (step instanceof SessionStep.ConnectionEnded ended) {
      endConnection();
      if (ended.socketStays()) {
        connectionEnded = false;
      } else {
        context.close();
      }
    } else if (step instanceof SessionStep.Dispatch dispatch) {
      dispatch(dispatch);
    }
  }

  private void dispatch(SessionStep.Dispatch dispatch) {
    if (dispatch.abortsPreviousMessage()) {
      abortMessage();
    }
    Stage stage = dispatch.stage();
    if (stage == Stage.MAIL || (stage.isMessageStage() && !messageOpen)) {
      openMessage();
    }
    MessageModifier modifier =
        stage == Stage.END_OF_MESSAGE ? new MessageModifier(view.options()::allows) : null;
    CompletionStage<Verdict> answer;
    if (carriedVerdict != null) {
      answer = CompletableFuture.completedStage(carriedVerdict);
    } else {
      answer = call(dispatch, modifier);
    }
    Object token = new Object();
    currentStage = token;
    busy = true;
    InFlightRequests.begin(context.channel());
    timeout =
        context
            .executor()
            .schedule(
                () ->
                    finishSafely(
                        token,
                        dispatch,
                        modifier,
                        null,
                        new StageTimeoutException(stage, stageTimeout)),
                stageTimeout.toNanos(),
                TimeUnit.NANOSECONDS);
    answer.whenComplete(
        (verdict, error) ->
            view.executor().execute(() -> finishSafely(token, dispatch, modifier, verdict, error)));
    if (busy) {
      // The filter works on: read no more until it answers.
      readPaused = true;
      context.channel().config().setAutoRead(false);
    }
  }

  // A bug here must not leave the MTA waiting for a reply that never comes.
  private void finishSafely(
      Object token,
      SessionStep.Dispatch dispatch,
      MessageModifier modifier,
      Verdict verdict,
      Throwable error) {
    try {
      finish(token, dispatch, modifier, verdict, error);
    } catch (RuntimeException e) {
      LOG.error("milter cannot answer {}, closing the connection", dispatch.stage(), e);
      closeNow();
    }
  }

  private CompletionStage<Verdict> call(SessionStep.Dispatch dispatch, MessageModifier modifier) {
    MilterCommand command = dispatch.command();
    try {
      switch (dispatch.stage()) {
        case CONNECT:
          return handler.connect(view, (MilterCommand.Connect) command);
        case HELO:
          return handler.helo(view, (MilterCommand.Helo) command);
        case MAIL:
          return handler.mail(view, (MilterCommand.Mail) command);
        case RCPT:
          return handler.recipient(view, (MilterCommand.Recipient) command);
        case DATA:
          return handler.data(view);
        case HEADER:
          return handler.header(view, (MilterCommand.Header) command);
        case END_OF_HEADERS:
          return handler.endOfHeaders(view);
        case BODY:
          return handler.body(view, (MilterCommand.BodyChunk) command);
        case UNKNOWN:
          return handler.unknown(view, (MilterCommand.UnknownCommand) command);
        case END_OF_MESSAGE:
        default:
          return endOfMessage((MilterCommand.EndOfMessage) command, modifier);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  // libmilter hands trailing end-of-message data to the body callback first.
  private CompletionStage<Verdict> endOfMessage(
      MilterCommand.EndOfMessage command, MessageModifier modifier) {
    byte[] trailing = command.trailingBody();
    if (trailing.length == 0) {
      return handler.endOfMessage(view, modifier);
    }
    return handler
        .body(view, new MilterCommand.BodyChunk(trailing))
        .thenComposeAsync(
            verdict ->
                verdict instanceof Verdict.Continue || verdict instanceof Verdict.Skip
                    ? handler.endOfMessage(view, modifier)
                    : CompletableFuture.completedStage(verdict),
            view.executor());
  }

  private void finish(
      Object token,
      SessionStep.Dispatch dispatch,
      MessageModifier modifier,
      Verdict verdict,
      Throwable error) {
    if (currentStage != token) {
      return; // timed out before, or the connection closed
    }
    currentStage = null;
    timeout.cancel(false);
    Stage stage = dispatch.stage();
    Verdict outcome = verdict;
    if (error == null && verdict == null) {
      error = new NullPointerException("the filter answered no verdict");
    }
    List<MessageModification> modifications = modifier == null ? List.of() : modifier.close();
    if (error != null) {
      Throwable cause = unwrap(error);
      if (cause instanceof StageTimeoutException) {
        stats.timeouts.increment();
      } else {
        stats.handlerErrors.increment();
      }
      LOG.warn(
          "milter filter failed at {} (queue id {}), answering TEMPFAIL: {}",
          stage,
          view.queueId().orElse("unknown"),
          cause.toString(),
          cause instanceof StageTimeoutException ? null : cause);
      outcome = TEMPFAIL;
      modifications = List.of();
    }
    if (dispatch.replyExpected()) {
      carriedVerdict = null;
      for (MessageModification modification : modifications) {
        session.requirePermitted(modification);
      }
      Verdict sent = session.outgoing(outcome);
      modifications.forEach(context::write);
      context.write(sent);
      context.flush();
      if (decidesMessage(stage, sent)) {
        messageDecided(sent);
      }
    } else if (!(outcome instanceof Verdict.Continue) && !(outcome instanceof Verdict.Skip)) {
      // Nothing may be sent now; the next replied stage of the message carries the answer.
      carriedVerdict = outcome;
    }
    InFlightRequests.end(context.channel());
    busy = false;
    if (readPaused) {
      readPaused = false;
      context.channel().config().setAutoRead(true);
    }
    drain();
  }

  private static boolean decidesMessage(Stage stage, Verdict sent) {
    if (!stage.isMessageStage()) {
      return false;
    }
    if (stage == Stage.END_OF_MESSAGE) {
      return true;
    }
    if (sent instanceof Verdict.Continue || sent instanceof Verdict.Skip) {
      return false;
    }
    // At RCPT a refusal concerns that recipient only.
    return stage != Stage.RCPT
        || !(sent instanceof Verdict.Reject
            || sent instanceof Verdict.Tempfail
            || sent instanceof ReplyCode);
  }

  private void openMessage() {
    if (messageOpen) {
      return;
    }
    messageOpen = true;
    messageStartNanos = System.nanoTime();
    InFlightRequests.begin(context.channel());
  }

  private void messageDecided(Verdict sent) {
    if (!messageOpen) {
      return;
    }
    messageOpen = false;
    carriedVerdict = null;
    stats.messages.increment();
    stats.verdict(sent);
    stats.messageLatency.recordNanos(System.nanoTime() - messageStartNanos);
    try {
      handler.messageDecided(view, sent);
    } catch (RuntimeException e) {
      LOG.warn("milter filter failed after the verdict: {}", e.toString(), e);
    }
    InFlightRequests.end(context.channel());
  }

  private void abortMessage() {
    carriedVerdict = null;
    if (!messageOpen) {
      return;
    }
    messageOpen = false;
    try {
      handler.abort(view);
    } catch (RuntimeException e) {
      LOG.warn("milter filter failed on abort: {}", e.toString(), e);
    }
    InFlightRequests.end(context.channel());
  }

  private void endConnection() {
    if (connectionEnded) {
      return;
    }
    connectionEnded = true;
    abortMessage();
    carriedVerdict = null;
    try {
      handler.close(view);
    } catch (RuntimeException e) {
      LOG.warn("milter filter failed on close: {}", e.toString(), e);
    }
  }

  private void protocolViolation(MilterProtocolException violation) {
    stats.protocolErrors.increment();
    LOG.warn(
        "milter protocol violation from {} ({}), closing: {}",
        peer(),
        violation.reason(),
        violation.getMessage());
    closeNow();
  }

  private void closeNow() {
    pending.clear();
    context.close();
  }

  private Object peer() {
    Object remote = context.channel().remoteAddress();
    return remote == null ? "a local client" : remote;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
