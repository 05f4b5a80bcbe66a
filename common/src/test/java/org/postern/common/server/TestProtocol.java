package org.postern.common.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Echoes what it reads, except a line starting with "slow": that request stays in flight until
 * {@link #releaseSlow} completes, then answers "done".
 */
final class TestProtocol extends ChannelInitializer<Channel> {
  final CountDownLatch slowStarted = new CountDownLatch(1);
  final CompletableFuture<Void> releaseSlow = new CompletableFuture<>();

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast(
            new SimpleChannelInboundHandler<ByteBuf>() {
              @Override
              protected void channelRead0(ChannelHandlerContext context, ByteBuf message) {
                if (message.toString(StandardCharsets.US_ASCII).startsWith("slow")) {
                  InFlightRequests.begin(channel);
                  slowStarted.countDown();
                  releaseSlow.thenRun(
                      () -> {
                        channel.writeAndFlush(
                            Unpooled.copiedBuffer("done\n", StandardCharsets.US_ASCII));
                        InFlightRequests.end(channel);
                      });
                } else {
                  context.writeAndFlush(message.retainedDuplicate());
                }
              }
            });
  }
}
