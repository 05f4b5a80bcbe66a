package org.postern.milter.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.SocketOption;
import jdk.net.ExtendedSocketOptions;

/**
 * Acknowledges every packet from the MTA at once (Linux TCP_QUICKACK, which the kernel clears again
 * after a while, so it is set after each read). The MTA sends packets that get no reply (macros,
 * no-reply steps) back to back; with Nagle on its side and delayed ACKs on ours, the second one
 * waits about 40 ms for our ACK.
 */
@Sharable
final class QuickAck extends ChannelInboundHandlerAdapter {
  static final QuickAck INSTANCE = new QuickAck();

  private static final SocketOption<Boolean> OPTION = quickAckOption();

  private QuickAck() {}

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    acknowledgeQuickly(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
    acknowledgeQuickly(ctx);
    super.channelRead(ctx, message);
  }

  private static void acknowledgeQuickly(ChannelHandlerContext ctx) {
    if (OPTION != null && ctx.channel() instanceof NioSocketChannel channel) {
      channel.config().setOption(NioChannelOption.of(OPTION), true);
    }
  }

  // Linux only; elsewhere the option is missing and nothing is set.
  private static SocketOption<Boolean> quickAckOption() {
    try {
      return java.nio.channels.SocketChannel.open()
              .supportedOptions()
              .contains(ExtendedSocketOptions.TCP_QUICKACK)
          ? ExtendedSocketOptions.TCP_QUICKACK
          : null;
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
