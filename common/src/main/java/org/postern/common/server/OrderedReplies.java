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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies of one pipelined request/reply connection (socketmap, tcp_table, policy), written in
 * request order whatever order their lookups finish in. Reading pauses while too many are pending,
 * and each request counts as in flight until its reply is written, so a graceful shutdown waits for
 * it. One instance per connection; used only from the connection's event loop.
 *
 * <p>A lookup that fails with a null failure reply closes the connection after the replies before
 * it, unanswered; later requests are dropped. A reply already known when its request is read, with
 * nothing queued before it, is written without a future and flushed once per read: call {@link
 * #answer} from {@code channelRead} and {@link #readComplete} from {@code channelReadComplete}.
 *
 * @param <R> the reply type, written to the pipeline as is
 */
public final class OrderedReplies<R> {
  private static final Logger LOG = LoggerFactory.getLogger(OrderedReplies.class);

  private final int maxPending;
  // A completed entry holding null stands for "close without an answer".
  private final Deque<CompletableFuture<R>> pending = new ArrayDeque<>();
  private boolean closing;
  private boolean flushAtReadComplete;

  /** Replies for one connection; reading pauses at {@code maxPending} unanswered requests. */
  public OrderedReplies(int maxPending) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1, got " + maxPending);
    }
    this.maxPending = maxPending;
  }

  /** Answers with {@code lookup}'s result, or {@code onFailure}'s (null: close unanswered). */
  public void answer(
      ChannelHandlerContext ctx,
      Supplier<? extends CompletionStage<R>> lookup,
      Function<Throwable, R> onFailure) {
    answer(ctx, lookup, Supplier::get, onFailure);
  }

  /** As the Supplier form, with {@code lookup.apply(request)}: no lambda per request. */
  public <Q> void answer(
      ChannelHandlerContext ctx,
      Q request,
      Function<? super Q, ? extends CompletionStage<R>> lookup,
      Function<Throwable, R> onFailure) {
    if (closing) {
      return;
    }
    InFlightRequests.begin(ctx.channel());
    CompletionStage<R> stage;
    try {
      stage = lookup.apply(request);
    } catch (RuntimeException e) {
      enqueue(ctx).complete(failureReply(onFailure, e));
      return;
    }
    if (stage == null) {
      enqueue(ctx)
          .complete(failureReply(onFailure, new NullPointerException("lookup returned no stage")));
      return;
    }
    if (pending.isEmpty()) {
      R known = resultNow(stage);
      if (known != null) {
        // Nothing to wait for and nothing before it: no future, flushed when the read is done.
        ctx.write(known);
        flushAtReadComplete = true;
        InFlightRequests.end(ctx.channel());
        return;
      }
    }
    CompletableFuture<R> reply = enqueue(ctx);
    stage.whenComplete(
        (result, error) -> {
          if (error != null) {
            reply.complete(failureReply(onFailure, unwrap(error)));
          } else if (result == null) {
            reply.complete(
                failureReply(onFailure, new NullPointerException("lookup returned null")));
          } else {
            reply.complete(result);
          }
        });
  }

  /** Queues a reply known now, in order behind the replies still pending. */
  public void answerNow(ChannelHandlerContext ctx, R reply) {
    if (closing) {
      return;
    }
    InFlightRequests.begin(ctx.channel());
    enqueue(ctx).complete(reply);
  }

  /** Queues a last reply, stops reading and closes the connection once every reply is written. */
  public void answerAndClose(ChannelHandlerContext ctx, R reply) {
    if (closing) {
      return;
    }
    closing = true;
    ctx.channel().config().setAutoRead(false);
    InFlightRequests.begin(ctx.channel());
    enqueue(ctx).complete(reply);
  }

  /** Flushes the replies written at once during this read; call it from channelReadComplete. */
  public void readComplete(ChannelHandlerContext ctx) {
    if (flushAtReadComplete) {
      flushAtReadComplete = false;
      ctx.flush();
    }
  }

  /** Whether the connection is closing after its last reply; later requests are ignored. */
  public boolean closing() {
    return closing;
  }

  /** Flushes the replies already written and forgets pending ones: the connection is going. */
  public void clear(ChannelHandlerContext ctx) {
    closing = true;
    readComplete(ctx);
    dropPending(ctx);
  }

  // Counts the dropped requests out of flight so they no longer hold up a graceful shutdown.
  private void dropPending(ChannelHandlerContext ctx) {
    int dropped = pending.size();
    pending.clear();
    for (int i = 0; i < dropped; i++) {
      InFlightRequests.end(ctx.channel());
    }
  }

  private CompletableFuture<R> enqueue(ChannelHandlerContext ctx) {
    CompletableFuture<R> reply = new CompletableFuture<>();
    pending.addLast(reply);
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

  // Writes every completed reply at the head of the queue in one flush; a null one closes.
  private void writeCompleted(ChannelHandlerContext ctx) {
    int finished = 0;
    boolean unanswered = false;
    while (!pending.isEmpty() && pending.peekFirst().isDone()) {
      R reply = pending.removeFirst().join();
      finished++;
      if (reply == null) {
        unanswered = true;
        break;
      }
      ctx.write(reply);
    }
    if (finished == 0) {
      return;
    }
    if (unanswered) {
      closing = true;
      ctx.channel().config().setAutoRead(false);
      dropPending(ctx);
    }
    flushAtReadComplete = false;
    if (closing && pending.isEmpty()) {
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.flush();
      if (!closing && pending.size() < maxPending && !ctx.channel().config().isAutoRead()) {
        ctx.channel().config().setAutoRead(true);
      }
    }
    for (int i = 0; i < finished; i++) {
      InFlightRequests.end(ctx.channel());
    }
  }

  // The stage's result if it already completed normally, else null; never blocks.
  private static <R> R resultNow(CompletionStage<R> stage) {
    CompletableFuture<R> future;
    try {
      // A completedStage() answer is a CompletableFuture whose isDone() throws: read its copy.
      future = stage.toCompletableFuture();
    } catch (UnsupportedOperationException e) {
      return null;
    }
    return future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
  }

  private static <R> R failureReply(Function<Throwable, R> onFailure, Throwable error) {
    try {
      return onFailure.apply(error);
    } catch (RuntimeException e) {
      // Without a failure reply the request cannot be answered: close rather than hang.
      e.addSuppressed(error);
      LOG.warn("failure reply could not be built; closing without an answer", e);
      return null;
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
