package org.postern.tcptable;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LineBasedFrameDecoder;

/** Sets up a tcp_table server connection: line framing with a length limit, codec, lookups. */
public final class TcpTableChannelInitializer extends ChannelInitializer<Channel> {
  private static final TcpTableReplyEncoder ENCODER = new TcpTableReplyEncoder();

  private final TcpTableHandler handler;

  /** Connections answered by {@code handler}. */
  public TcpTableChannelInitializer(TcpTableHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        // failFast: refuse an over-long line as soon as it passes the limit, not at its newline.
        .addLast(
            "line-decoder", new LineBasedFrameDecoder(TcpTableRequest.MAX_LINE_LENGTH, true, true))
        .addLast("request-decoder", new TcpTableRequestDecoder())
        .addLast("reply-encoder", ENCODER)
        .addLast("tcp-table", new TcpTableServerHandler(handler));
  }
}
