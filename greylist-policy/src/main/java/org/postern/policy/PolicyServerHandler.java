package org.postern.policy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.postern.common.server.InFlightRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one persistent policy connection: asks the {@link PolicyHandler} for each request and
 * writes the actions in request order even when decisions complete out of order. When a decision
 * fails, the replies before it are written, then the connection is closed without an answer, so
 * Postfix applies its default ({@code default_action}, normally a temporary failure).
 */
public final class PolicyServerHandler extends SimpleChannelInboundHandler<PolicyRequest> {
  private static final Logger log = LoggerFactory.getLogger(PolicyServerHandler.class);

  /** Decisions in flight per connection before reading pauses. */
  static final int MAX_PENDING = 64;

  private final PolicyHandler handler;
  // Touched only on the channel's event loop.
  private final Deque<CompletableFuture<PolicyAction>> pending = new ArrayDeque<>();
  private boolean closing;
  private boolean flushAtReadComplete;

  /** A handler for one connection deciding with {@code handler}. */
  public PolicyServerHandler(PolicyHandler handler) {
    super(PolicyRequest.class);
    this.handler = handler;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, PolicyRequest request) {
    if (closing) {
      return;
    }
    InFlightRequests.begin(ctx.channel());
    CompletionStage<PolicyAction> decision;
    try {
      decision = handler.decide(request);
    } catch (RuntimeException e) {
      decision = CompletableFuture.failedFuture(e);
    }
    if (decision == null) {
      decision = CompletableFuture.failedFuture(new NullPointerException("decide returned null"));
    }
    // Decided at once with nothing queued before it: write it now, flushed at the end of the read.
    // A completedStage() answer is a CompletableFuture whose isDone() throws: read a copy.
    CompletableFuture<PolicyAction> future =
        decision instanceof CompletableFuture<PolicyAction> stage
            ? stage.toCompletableFuture()
            : null;
    if (pending.isEmpty()
        && future != null
        && future.isDone()
        && !future.isCompletedExceptionally()) {
      PolicyAction action = future.join();
      if (action != null) {
        ctx.write(action);
        InFlightRequests.end(ctx.channel());
        flushAtReadComplete = true;
        return;
      }
    }
    CompletableFuture<PolicyAction> reply = new CompletableFuture<>();
    pending.addLast(reply);
    if (pending.size() >= MAX_PENDING) {
      ctx.channel().config().setAutoRead(false);
    }
    reply.whenComplete(
        (ignored, error) -> {
          if (ctx.executor().inEventLoop()) {
            writeCompleted(ctx);
          } else {
            ctx.executor().execute(() -> writeCompleted(ctx));
          }
        });
    decision.whenComplete(
        (action, error) -> {
          if (error != null) {
            reply.completeExceptionally(error);
          } else if (action == null) {
            reply.completeExceptionally(new NullPointerException("decision was null"));
          } else {
            reply.complete(action);
          }
        });
  }

  /** Flushes the replies written at once during this read. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (flushAtReadComplete) {
      flushAtReadComplete = false;
      ctx.flush();
    }
    super.channelReadComplete(ctx);
  }

  // Writes every completed reply at the head of the queue; a failed one closes the connection.
  private void writeCompleted(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!closing && !pending.isEmpty() && pending.peekFirst().isDone()) {
      CompletableFuture<PolicyAction> head = pending.removeFirst();
      if (head.isCompletedExceptionally()) {
        Throwable cause = causeOf(head);
        log.warn(
            "policy decision for {} failed; closing without an answer so Postfix applies its"
                + " default",
            ctx.channel().remoteAddress(),
            cause);
        InFlightRequests.end(ctx.channel());
        closeAfterWrites(ctx);
        return;
      }
      ctx.write(head.join());
      InFlightRequests.end(ctx.channel());
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
      if (pending.size() < MAX_PENDING && !ctx.channel().config().isAutoRead()) {
        ctx.channel().config().setAutoRead(true);
      }
    }
  }

  private void closeAfterWrites(ChannelHandlerContext ctx) {
    closing = true;
    endAll(ctx);
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  // Requests that will never be answered no longer hold up a graceful shutdown.
  private void endAll(ChannelHandlerContext ctx) {
    while (!pending.isEmpty()) {
      pending.removeFirst();
      InFlightRequests.end(ctx.channel());
    }
  }

  private static Throwable causeOf(CompletableFuture<PolicyAction> failed) {
    try {
      failed.join();
      return new IllegalStateException("not failed");
    } catch (CompletionException e) {
      return e.getCause() != null ? e.getCause() : e;
    } catch (CancellationException e) {
      return e;
    }
  }

  /** Forgets decisions in flight: there is nobody left to answer. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closing = true;
    endAll(ctx);
    super.channelInactive(ctx);
  }

  /** Logs and closes: a malformed request or exceeded limit means the stream cannot be trusted. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable error =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (error instanceof MalformedPolicyRequestException) {
      log.warn(
          "closing policy connection from {}: {}",
          ctx.channel().remoteAddress(),
          error.getMessage());
    } else {
      log.warn("closing policy connection from {}", ctx.channel().remoteAddress(), error);
    }
    closing = true;
    endAll(ctx);
    ctx.close();
  }
}
