package org.postern.tcptable;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes a {@link TcpTableReply} as one encoded ASCII line ending in a newline. */
@ChannelHandler.Sharable
public final class TcpTableReplyEncoder extends MessageToByteEncoder<TcpTableReply> {

  /** The encoder; stateless, so one instance may serve every connection. */
  public TcpTableReplyEncoder() {
    super(TcpTableReply.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, TcpTableReply reply, ByteBuf out) {
    out.writeCharSequence(reply.encode(), StandardCharsets.US_ASCII);
    out.writeByte('\n');
  }
}
