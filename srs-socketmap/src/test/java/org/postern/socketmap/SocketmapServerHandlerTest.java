package org.postern.socketmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SocketmapServerHandlerTest {
  private static EmbeddedChannel channel(SocketmapHandler handler) {
    return new EmbeddedChannel(new SocketmapChannelInitializer(handler));
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
    Map<String, CompletableFuture<SocketmapReply>> lookups = new HashMap<>();
    EmbeddedChannel channel =
        channel(
            request -> lookups.computeIfAbsent(request.key(), key -> new CompletableFuture<>()));
    send(channel, "9:forward a,9:forward b,9:forward c,");
    assertThat(lookups).containsOnlyKeys("a", "b", "c");

    lookups.get("c").complete(SocketmapReply.ok("C"));
    lookups.get("b").complete(SocketmapReply.notFound());
    channel.runPendingTasks();
    assertThat(written(channel)).isEmpty();

    lookups.get("a").complete(SocketmapReply.ok("A"));
    channel.runPendingTasks();
    assertThat(written(channel)).isEqualTo("4:OK A,9:NOTFOUND ,4:OK C,");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aLookupCompletedOnAnotherThreadIsWrittenOnTheEventLoop() throws Exception {
    CompletableFuture<SocketmapReply> lookup = new CompletableFuture<>();
    EmbeddedChannel channel = channel(request -> lookup);
    send(channel, "9:forward a,");
    Thread completer = new Thread(() -> lookup.complete(SocketmapReply.ok("A")));
    completer.start();
    completer.join();
    channel.runPendingTasks();
    assertThat(written(channel)).isEqualTo("4:OK A,");
  }

  @Test
  void aThrowingHandlerIsAnsweredTempAndTheConnectionStays() {
    EmbeddedChannel channel =
        channel(
            request -> {
              if (request.key().equals("boom")) {
                throw new IllegalStateException("store down");
              }
              return CompletableFuture.completedFuture(SocketmapReply.ok(request.key()));
            });
    send(channel, "12:forward boom,9:forward x,");
    assertThat(written(channel)).isEqualTo("30:TEMP lookup failed: store down,4:OK x,");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aFailedLookupIsAnsweredTemp() {
    EmbeddedChannel channel =
        channel(request -> CompletableFuture.failedFuture(new RuntimeException("no backend")));
    send(channel, "9:forward a,");
    assertThat(written(channel)).isEqualTo("30:TEMP lookup failed: no backend,");
  }

  @Test
  void aRequestWithoutASpaceIsAnsweredPermAndTheConnectionStays() {
    EmbeddedChannel channel =
        channel(request -> CompletableFuture.completedFuture(SocketmapReply.ok("y")));
    send(channel, "7:forward,9:forward a,");
    String written = written(channel);
    assertThat(written).contains(":PERM malformed request").endsWith(",4:OK y,");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aMalformedNetstringClosesTheConnection() {
    EmbeddedChannel channel =
        channel(request -> CompletableFuture.completedFuture(SocketmapReply.ok("y")));
    send(channel, "9:forward a,9:forward b;");
    assertThat(written(channel)).isEqualTo("4:OK y,");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void anOverLongRequestClosesTheConnection() {
    EmbeddedChannel channel =
        channel(request -> CompletableFuture.completedFuture(SocketmapReply.ok("y")));
    send(channel, (SocketmapRequest.POSTFIX_MAX_LENGTH + 1) + ":");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void anOverLongReplyBecomesPerm() {
    EmbeddedChannel channel =
        channel(
            request ->
                CompletableFuture.completedFuture(
                    SocketmapReply.ok("x".repeat(SocketmapReply.POSTFIX_MAX_LENGTH))));
    send(channel, "9:forward a,");
    assertThat(written(channel)).isEqualTo("19:PERM reply too long,");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void readingPausesWhileTooManyLookupsAreInFlight() {
    Map<String, CompletableFuture<SocketmapReply>> lookups = new HashMap<>();
    EmbeddedChannel channel =
        channel(
            request -> lookups.computeIfAbsent(request.key(), key -> new CompletableFuture<>()));
    StringBuilder wire = new StringBuilder();
    for (int i = 0; i < SocketmapServerHandler.MAX_PENDING; i++) {
      String request = "forward k" + i;
      wire.append(request.length()).append(':').append(request).append(',');
    }
    send(channel, wire.toString());
    assertThat(channel.config().isAutoRead()).isFalse();
    lookups.values().forEach(lookup -> lookup.complete(SocketmapReply.notFound()));
    channel.runPendingTasks();
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(written(channel).split(",")).hasSize(SocketmapServerHandler.MAX_PENDING);
  }
}
