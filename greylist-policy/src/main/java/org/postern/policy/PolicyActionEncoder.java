package org.postern.policy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes {@link PolicyAction}s as {@code action=...} followed by an empty line. */
@ChannelHandler.Sharable
public final class PolicyActionEncoder extends MessageToByteEncoder<PolicyAction> {
  private static final byte[] ACTION_PREFIX = "action=".getBytes(StandardCharsets.US_ASCII);

  /** The stateless encoder; one instance serves every connection. */
  public PolicyActionEncoder() {
    super(PolicyAction.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, PolicyAction action, ByteBuf out) {
    // Straight into the buffer: no intermediate string or byte array per reply.
    out.writeBytes(ACTION_PREFIX);
    ByteBufUtil.writeUtf8(out, action.action());
    out.writeShort(('\n' << 8) | '\n');
  }
}
