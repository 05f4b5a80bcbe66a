package org.postern.screen.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Copies every byte read on one channel to its peer without looking at it, reading no faster than
 * the peer can write: a full peer stops reads here until it drains. Driven by the handler already
 * in the channel's pipeline once the handoff is done, so that splicing adds or removes no handler.
 */
final class Splice {
  private final Channel channel;
  private final Channel peer;

  /** Copies what {@code channel} reads to {@code peer}. */
  Splice(Channel channel, Channel peer) {
    this.channel = channel;
    this.peer = peer;
  }

  /** Passes on {@code message} (a buffer read on the channel; the peer's write releases it). */
  void read(Object message) {
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

  /** The channel's writability changed: once drained, its peer, which writes into it, may read. */
  void writabilityChanged() {
    if (channel.isWritable()) {
      peer.config().setAutoRead(true);
    }
  }

  /** The channel closed: close the peer once what was written to it has gone out. */
  void inactive() {
    closeAfterWrites(peer);
  }

  /** Closes {@code channel} once what was written to it has gone out. */
  static void closeAfterWrites(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
