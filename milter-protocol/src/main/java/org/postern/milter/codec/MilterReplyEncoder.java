package org.postern.milter.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.postern.milter.reply.MilterReply;

/** Server side: encodes replies to the MTA. Stateless, so one instance may be shared. */
@ChannelHandler.Sharable
public final class MilterReplyEncoder extends MessageToByteEncoder<MilterReply> {
  /** An encoder for {@link MilterReply}s. */
  public MilterReplyEncoder() {
    super(MilterReply.class);
  }

  @Override
  protected void encode(ChannelHandlerContext context, MilterReply reply, ByteBuf out) {
    ReplyFormat.write(reply, out);
  }
}
