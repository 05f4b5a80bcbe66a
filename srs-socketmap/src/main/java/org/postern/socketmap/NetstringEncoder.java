package org.postern.socketmap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes strings as UTF-8 netstrings ({@code LEN:DATA,}), refusing payloads over the limit. */
@ChannelHandler.Sharable
public final class NetstringEncoder extends MessageToByteEncoder<String> {
  private final int maxLength;

  /** An encoder writing payloads of up to {@code maxLength} bytes. */
  public NetstringEncoder(int maxLength) {
    super(String.class);
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
    }
    this.maxLength = maxLength;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, String message, ByteBuf out) {
    byte[] payload = message.getBytes(StandardCharsets.UTF_8);
    if (payload.length > maxLength) {
      throw new NetstringTooLongException(payload.length, maxLength);
    }
    out.writeCharSequence(Integer.toString(payload.length), StandardCharsets.US_ASCII);
    out.writeByte(':');
    out.writeBytes(payload);
    out.writeByte(',');
  }
}
