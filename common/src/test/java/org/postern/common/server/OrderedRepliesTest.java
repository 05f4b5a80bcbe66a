package org.postern.common.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OrderedRepliesTest {

  /** Answers each inbound String with the lookup the test supplies for it. */
  private static final class Lookups extends ChannelInboundHandlerAdapter {
    final OrderedReplies<String> replies = new OrderedReplies<>(2);
    final List<CompletableFuture<String>> lookups = new ArrayList<>();
    ChannelHandlerContext context;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      CompletableFuture<String> lookup = new CompletableFuture<>();
      lookups.add(lookup);
      if (message.equals("throw")) {
        replies.answer(
            ctx,
            () -> {
              throw new IllegalStateException("boom");
            },
            error -> "failed: " + error.getMessage());
      } else {
        replies.answer(ctx, () -> lookup, error -> "failed: " + error.getMessage());
      }
    }
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
    channel.writeInbound("a", "throw");
    lookups.lookups.get(0).completeExceptionally(new RuntimeException("dns down"));
    channel.runPendingTasks();
    assertThat((String) channel.readOutbound()).isEqualTo("failed: dns down");
    assertThat((String) channel.readOutbound()).isEqualTo("failed: boom");
  }

  @Test
  void aNullLookupResultIsAFailure() {
    Lookups lookups = new Lookups();
    EmbeddedChannel channel = new EmbeddedChannel(lookups);
    channel.writeInbound("a");
    lookups.lookups.get(0).complete(null);
    channel.runPendingTasks();
    assertThat((String) channel.readOutbound()).startsWith("failed:");
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
  }
}
