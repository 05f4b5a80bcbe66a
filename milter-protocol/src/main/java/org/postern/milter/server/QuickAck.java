package org.postern.milter.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.postern.common.transport.Transport;

/**
 * Acknowledges every packet from the MTA at once (Linux TCP_QUICKACK, which the kernel clears again
 * after a while, so it is set after each read). The MTA sends packets that get no reply (macros,
 * no-reply steps) back to back; with Nagle on its side and delayed ACKs on ours, the second one
 * waits about 40 ms for our ACK.
 */
@Sharable
final class QuickAck extends ChannelInboundHandlerAdapter {
  static final QuickAck INSTANCE = new QuickAck();

  private QuickAck() {}

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    Transport.acknowledgeQuickly(ctx.channel());
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
    Transport.acknowledgeQuickly(ctx.channel());
    super.channelRead(ctx, message);
  }
}
