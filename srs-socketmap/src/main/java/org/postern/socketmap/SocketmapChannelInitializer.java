package org.postern.socketmap;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** Sets up a socketmap server connection: netstring framing with Postfix's limits, then lookups. */
public final class SocketmapChannelInitializer extends ChannelInitializer<Channel> {
  private final SocketmapHandler handler;

  /** Connections answered by {@code handler}. */
  public SocketmapChannelInitializer(SocketmapHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast("netstring-decoder", new NetstringDecoder(SocketmapRequest.POSTFIX_MAX_LENGTH))
        .addLast("netstring-encoder", new NetstringEncoder(SocketmapReply.POSTFIX_MAX_LENGTH))
        .addLast("socketmap", new SocketmapServerHandler(handler));
  }
}
