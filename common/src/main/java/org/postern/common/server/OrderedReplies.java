package org.postern.common.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The replies of one pipelined request/reply connection (socketmap, tcp_table, policy), written in
 * request order whatever order their lookups finish in. Reading pauses while too many are pending,
 * and each request counts as in flight until its reply is written, so a graceful shutdown waits for
 * it. One instance per connection; used only from the connection's event loop.
 *
 * @param <R> the reply type, written to the pipeline as is
 */
public final class OrderedReplies<R> {
  private final int maxPending;
  private final Deque<CompletableFuture<R>> pending = new ArrayDeque<>();
  private boolean closing;

  /** Replies for one connection; reading pauses at {@code maxPending} unanswered requests. */
  public OrderedReplies(int maxPending) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1, got " + maxPending);
    }
    this.maxPending = maxPending;
  }

  /**
   * Queues the reply to a request: {@code lookup}'s result, or {@code onFailure}'s reply when the
   * lookup throws, fails or yields null.
   */
  public void answer(
      ChannelHandlerContext ctx,
      Supplier<? extends CompletionStage<R>> lookup,
      Function<Throwable, R> onFailure) {
    CompletableFuture<R> reply = enqueue(ctx);
    CompletionStage<R> stage;
    try {
      stage = lookup.get();
    } catch (RuntimeException e) {
      reply.complete(onFailure.apply(e));
      return;
    }
    stage.whenComplete(
        (result, error) -> {
          if (error != null) {
            reply.complete(onFailure.apply(unwrap(error)));
          } else if (result == null) {
            reply.complete(onFailure.apply(new NullPointerException("lookup returned null")));
          } else {
            reply.complete(result);
          }
        });
  }

  /** Queues a reply known now, in order behind the replies still pending. */
  public void answerNow(ChannelHandlerContext ctx, R reply) {
    enqueue(ctx).complete(reply);
  }

  /** Queues a last reply, stops reading and closes the connection once every reply is written. */
  public void answerAndClose(ChannelHandlerContext ctx, R reply) {
    closing = true;
    ctx.channel().config().setAutoRead(false);
    answerNow(ctx, reply);
  }

  /** Whether the connection is closing after its last reply; later requests are ignored. */
  public boolean closing() {
    return closing;
  }

  /** Forgets pending replies when the connection is gone: nobody is left to answer. */
  public void clear() {
    pending.clear();
  }

  private CompletableFuture<R> enqueue(ChannelHandlerContext ctx) {
    CompletableFuture<R> reply = new CompletableFuture<>();
    pending.addLast(reply);
    InFlightRequests.begin(ctx.channel());
    if (pending.size() >= maxPending) {
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
    return reply;
  }

  // Writes every completed reply at the head of the queue in one flush.
  private void writeCompleted(ChannelHandlerContext ctx) {
    int written = 0;
    while (!pending.isEmpty() && pending.peekFirst().isDone()) {
      ctx.write(pending.removeFirst().join());
      written++;
    }
    if (written == 0) {
      return;
    }
    if (closing && pending.isEmpty()) {
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.flush();
      if (!closing && pending.size() < maxPending && !ctx.channel().config().isAutoRead()) {
        ctx.channel().config().setAutoRead(true);
      }
    }
    for (int i = 0; i < written; i++) {
      InFlightRequests.end(ctx.channel());
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
