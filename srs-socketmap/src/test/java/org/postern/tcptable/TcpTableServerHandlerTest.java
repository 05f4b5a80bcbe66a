package org.postern.tcptable;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TcpTableServerHandlerTest {
  private static EmbeddedChannel channel(TcpTableHandler handler) {
    return new EmbeddedChannel(new TcpTableChannelInitializer(handler));
  }

  private static void send(EmbeddedChannel channel, String wire) {
    channel.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8));
  }

  private static String written(EmbeddedChannel channel) {
    StringBuilder out = new StringBuilder();
    for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; ) {
      out.append(buffer.toString(StandardCharsets.UTF_8));
      buffer.release();
    }
    return out.toString();
  }

  @Test
  void answersPipelinedRequestsInRequestOrderWhateverOrderLookupsFinish() {
    Map<String, CompletableFuture<TcpTableReply>> lookups = new HashMap<>();
    EmbeddedChannel channel =
        channel(key -> lookups.computeIfAbsent(key, ignored -> new CompletableFuture<>()));
    send(channel, "get a\nget b%20c\r\nget d\n");
    assertThat(lookups).containsOnlyKeys("a", "b c", "d");

    lookups.get("d").complete(TcpTableReply.found("D"));
    lookups.get("b c").complete(TcpTableReply.notFound("no"));
    channel.runPendingTasks();
    assertThat(written(channel)).isEmpty();

    lookups.get("a").complete(TcpTableReply.found("A %"));
    channel.runPendingTasks();
    assertThat(written(channel)).isEqualTo("200 A%20%25\n500 no\n200 D\n");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aMalformedLineIsAnsweredInOrderAndTheConnectionGoesOn() {
    CompletableFuture<TcpTableReply> first = new CompletableFuture<>();
    EmbeddedChannel channel =
        channel(
            key ->
                key.equals("a")
                    ? first
                    : CompletableFuture.completedFuture(TcpTableReply.found(key)));
    send(channel, "get a\nhello\nget b\n");
    assertThat(written(channel)).isEmpty();
    first.complete(TcpTableReply.found("A"));
    channel.runPendingTasks();
    assertThat(written(channel)).matches("200 A\n500 malformed%20request:.*\n200 b\n");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aFailedLookupIsATemporaryError() {
    EmbeddedChannel channel =
        channel(key -> CompletableFuture.failedFuture(new IllegalStateException("store down")));
    send(channel, "get a\n");
    channel.runPendingTasks();
    assertThat(written(channel)).isEqualTo("400 lookup%20failed:%20store%20down\n");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void anOverlongLineIsAnsweredAfterEarlierRepliesThenTheConnectionCloses() {
    CompletableFuture<TcpTableReply> first = new CompletableFuture<>();
    EmbeddedChannel channel = channel(key -> first);
    send(channel, "get a\nget " + "x".repeat(TcpTableRequest.MAX_LINE_LENGTH) + "\nget b\n");
    assertThat(channel.isOpen()).isTrue();
    first.complete(TcpTableReply.found("A"));
    channel.runPendingTasks();
    assertThat(written(channel)).isEqualTo("200 A\n400 request%20too%20long\n");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aReplyOverPostfixsLimitBecomesNotFound() {
    EmbeddedChannel channel =
        channel(
            key ->
                CompletableFuture.completedFuture(
                    TcpTableReply.found("v".repeat(TcpTableReply.POSTFIX_MAX_LENGTH))));
    send(channel, "get a\n");
    assertThat(written(channel)).isEqualTo("500 reply%20too%20long\n");
  }
}
