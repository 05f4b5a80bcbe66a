package org.postern.policy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link PolicyAction}s as {@code action=...} followed by an empty line. */
@ChannelHandler.Sharable
public final class PolicyActionEncoder extends MessageToByteEncoder<PolicyAction> {

  /** The stateless encoder; one instance serves every connection. */
  public PolicyActionEncoder() {
    super(PolicyAction.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, PolicyAction action, ByteBuf out) {
    out.writeBytes(action.encode());
  }
}
