package org.postern.screen.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Copies every byte read on one channel to its peer without looking at it, reading no faster than
 * the peer can write: a full peer stops reads here until it drains.
 */
final class Splice extends ChannelInboundHandlerAdapter {
  private final Channel peer;

  Splice(Channel peer) {
    this.peer = peer;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    Channel channel = ctx.channel();
    peer.writeAndFlush(message)
        .addListener(
            (ChannelFutureListener)
                written -> {
                  if (!written.isSuccess()) {
                    channel.close();
                  }
                });
    if (!peer.isWritable()) {
      channel.config().setAutoRead(false);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // This channel drained: its peer, which writes into it, may read again.
    if (ctx.channel().isWritable()) {
      peer.config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closeAfterWrites(peer);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Closes {@code channel} once what was written to it has gone out. */
  static void closeAfterWrites(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
