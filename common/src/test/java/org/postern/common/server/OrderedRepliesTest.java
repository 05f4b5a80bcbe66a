package org.postern.common.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class OrderedRepliesTest {

  /** A failure with this message has no reply: the connection closes unanswered. */
  private static final String UNANSWERABLE = "unanswerable";

  /**
   * Answers each inbound String: "throw" throws, "now:X" is X already completed, "stage:X" is X as
   * a completed minimal stage, "fail now:M" is already failed with M; anything else waits for the
   * test to complete its lookup.
   */
  private static final class Lookups extends ChannelInboundHandlerAdapter {
    final OrderedReplies<String> replies = new OrderedReplies<>(2);
    final List<CompletableFuture<String>> lookups = new ArrayList<>();
    int lookupCalls;
    ChannelHandlerContext context;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      String text = (String) message;
      replies.answer(
          ctx,
          () -> lookup(text),
          error ->
              error.getMessage().equals(UNANSWERABLE) ? null : "failed: " + error.getMessage());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      replies.readComplete(ctx);
      ctx.fireChannelReadComplete();
    }

    private CompletionStage<String> lookup(String text) {
      lookupCalls++;
      if (text.equals("throw")) {
        throw new IllegalStateException("boom");
      }
      if (text.startsWith("now:")) {
        return CompletableFuture.completedFuture(text.substring("now:".length()));
      }
      if (text.startsWith("stage:")) {
        return CompletableFuture.completedStage(text.substring("stage:".length()));
      }
      if (text.startsWith("fail now:")) {
        return CompletableFuture.failedFuture(
            new IllegalStateException(text.substring("fail now:".length())));
      }
      CompletableFuture<String> lookup = new CompletableFuture<>();
      lookups.add(lookup);
      return lookup;
    }
  }

  /** Counts flushes passing towards the socket. */
  private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
    int flushes;

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes++;
      ctx.flush();
    }
  }

  // The replies written so far; the empty buffer written before a close is not a reply.
  private static List<String> written(EmbeddedChannel channel) {
    List<String> replies = new ArrayList<>();
    Object message;
    while ((message = channel.readOutbound()) != null) {
      if (message instanceof ByteBuf buffer) {
        assertThat(buffer.readableBytes()).isZero();
        buffer.release();
      } else {
        replies.add((String) message);
      }
    }
    return replies;
  }

  @Test
  void writesRepliesInRequestOrderWhateverOrderLookupsFinish() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.writeInbound("a", "b");
    lookups.lookups.get(1).complete("second");
    channel.runPendingTasks();
    Object nothing = channel.readOutbound();
    assertThat(nothing).isNull();
    assertThat(InFlightRequests.count(channel)).isEqualTo(2);

    lookups.lookups.get(0).complete("first");
    channel.runPendingTasks();
    assertThat((String) channel.readOutbound()).isEqualTo("first");
    assertThat((String) channel.readOutbound()).isEqualTo("second");
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void failuresBecomeTheFailureReplyInOrder() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.writeInbound("a", "throw", "fail now:refused");
    lookups.lookups.get(0).completeExceptionally(new RuntimeException("dns down"));
    channel.runPendingTasks();
    assertThat(written(channel))
        .containsExactly("failed: dns down", "failed: boom", "failed: refused");
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void aNullLookupResultIsAFailure() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.writeInbound("a");
    lookups.lookups.get(0).complete(null);
    channel.runPendingTasks();
    assertThat((String) channel.readOutbound()).startsWith("failed:");
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void pausesReadingAtTheLimitAndResumesWhenAnswered() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.writeInbound("a");
    assertThat(channel.config().isAutoRead()).isTrue();
    channel.writeInbound("b");
    assertThat(channel.config().isAutoRead()).isFalse();
    lookups.lookups.get(0).complete("first");
    channel.runPendingTasks();
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void closesAfterTheLastReplyWhenAskedTo() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.writeInbound("a");
    lookups.replies.answerAndClose(lookups.context, "bye");
    assertThat(lookups.replies.closing()).isTrue();
    assertThat(channel.isOpen()).isTrue();
    lookups.lookups.get(0).complete("first");
    channel.runPendingTasks();
    assertThat((String) channel.readOutbound()).isEqualTo("first");
    assertThat((String) channel.readOutbound()).isEqualTo("bye");
    assertThat(channel.isOpen()).isFalse();
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void aReplyKnownAtOnceWaitsBehindAPendingOne() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.writeInbound("a", "now:b", "stage:c");
    assertThat(written(channel)).isEmpty();
    assertThat(InFlightRequests.count(channel)).isEqualTo(3);

    lookups.lookups.get(0).complete("first");
    channel.runPendingTasks();
    assertThat(written(channel)).containsExactly("first", "b", "c");
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void repliesKnownAtOnceAreFlushedOnceWhenTheReadCompletes() {
    FlushCounter flushes = new FlushCounter();
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(flushes, lookups);

    channel.pipeline().fireChannelRead("now:a");
    channel.pipeline().fireChannelRead("stage:b");
    channel.pipeline().fireChannelRead("now:c");
    assertThat(flushes.flushes).isZero();
    assertThat(written(channel)).isEmpty();
    // Answered, so nothing holds up a graceful shutdown, and never queued, so reading goes on.
    assertThat(InFlightRequests.count(channel)).isZero();
    assertThat(channel.config().isAutoRead()).isTrue();

    channel.pipeline().fireChannelReadComplete();
    assertThat(flushes.flushes).isEqualTo(1);
    assertThat(written(channel)).containsExactly("a", "b", "c");

    channel.pipeline().fireChannelReadComplete();
    assertThat(flushes.flushes).isEqualTo(1);
  }

  @Test
  void anUnanswerableFailureWritesTheRepliesBeforeItThenCloses() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.writeInbound("a", "b");
    lookups.lookups.get(1).completeExceptionally(new IllegalStateException(UNANSWERABLE));
    channel.runPendingTasks();
    assertThat(written(channel)).isEmpty();
    assertThat(channel.isOpen()).isTrue();
    // Not closing yet: the failure is not at the head, so a later request is still looked up.
    channel.writeInbound("c");
    assertThat(lookups.lookupCalls).isEqualTo(3);

    lookups.lookups.get(2).complete("third");
    lookups.lookups.get(0).complete("first");
    channel.runPendingTasks();

    assertThat(written(channel)).containsExactly("first");
    assertThat(channel.isOpen()).isFalse();
    assertThat(lookups.replies.closing()).isTrue();
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void anUnanswerableFailureKnownAtOnceFlushesEarlierRepliesThenCloses() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.pipeline().fireChannelRead("now:a");
    channel.pipeline().fireChannelRead("fail now:" + UNANSWERABLE);
    channel.runPendingTasks();

    assertThat(written(channel)).containsExactly("a");
    assertThat(channel.isOpen()).isFalse();
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void requestsAfterAnUnansweredCloseAreNotLookedUp() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.pipeline().fireChannelRead("fail now:" + UNANSWERABLE);
    channel.pipeline().fireChannelRead("now:b");
    channel.pipeline().fireChannelRead("c");

    assertThat(lookups.lookupCalls).isEqualTo(1);
    assertThat(written(channel)).isEmpty();
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void clearingCountsDroppedRequestsOutOfFlightAndFlushesWrittenReplies() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.pipeline().fireChannelRead("now:a");
    channel.pipeline().fireChannelRead("b");
    channel.pipeline().fireChannelRead("c");
    assertThat(InFlightRequests.count(channel)).isEqualTo(2);

    lookups.replies.clear(lookups.context);
    assertThat(written(channel)).containsExactly("a");
    assertThat(InFlightRequests.count(channel)).isZero();

    // Late lookups find nobody to answer and leave the count alone.
    lookups.lookups.get(0).complete("late");
    channel.runPendingTasks();
    assertThat(written(channel)).isEmpty();
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void aFailureReplyThatCannotBeBuiltClosesUnanswered() {
    OrderedReplies<String> replies = new OrderedReplies<>(4);
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    ChannelHandlerContext context = channel.pipeline().firstContext();
    replies.answer(
        context,
        () -> CompletableFuture.failedFuture(new IllegalStateException("lookup")),
        error -> {
          throw new IllegalArgumentException("no failure reply");
        });
    channel.runPendingTasks();

    assertThat(channel.isOpen()).isFalse();
    assertThat(InFlightRequests.count(channel)).isZero();
  }

  @Test
  void theRequestFormAppliesTheLookupToTheRequest() {
    OrderedReplies<String> replies = new OrderedReplies<>(4);
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    ChannelHandlerContext context = channel.pipeline().firstContext();
    CompletableFuture<String> slow = new CompletableFuture<>();
    replies.answer(
        context,
        "slow",
        request -> slow.thenApply(result -> request + ":" + result),
        error -> "failed");
    replies.answer(
        context,
        "quick",
        request -> CompletableFuture.completedFuture(request.toUpperCase(Locale.ROOT)),
        error -> "failed");
    slow.complete("done");
    channel.runPendingTasks();

    assertThat(written(channel)).containsExactly("slow:done", "QUICK");
    assertThat(InFlightRequests.count(channel)).isZero();
  }
}
