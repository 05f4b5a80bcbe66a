package org.postern.milter.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.postern.milter.command.MilterCommand;

/** Client side: encodes commands to a milter. Stateless, so one instance may be shared. */
@ChannelHandler.Sharable
public final class MilterCommandEncoder extends MessageToByteEncoder<MilterCommand> {
  /** An encoder for {@link MilterCommand}s. */
  public MilterCommandEncoder() {
    super(MilterCommand.class);
  }

  @Override
  protected void encode(ChannelHandlerContext context, MilterCommand command, ByteBuf out) {
    CommandFormat.write(command, out);
  }
}
