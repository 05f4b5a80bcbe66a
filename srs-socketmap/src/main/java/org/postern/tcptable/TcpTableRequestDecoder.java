package org.postern.tcptable;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses one request line, framed by a {@code LineBasedFrameDecoder} before it, into a {@link
 * TcpTableRequest}. A line that does not parse raises a {@link DecoderException} caused by {@link
 * MalformedTcpTableMessageException}; the line framing stays intact, so the connection can go on.
 */
public final class TcpTableRequestDecoder extends MessageToMessageDecoder<ByteBuf> {

  /** A decoder for one connection. */
  public TcpTableRequestDecoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
    // Bytes above 127 must be %XX-encoded; ISO-8859-1 keeps any raw ones visible to the parser.
    String text = line.toString(StandardCharsets.ISO_8859_1);
    try {
      out.add(TcpTableRequest.parse(text));
    } catch (MalformedTcpTableMessageException e) {
      throw new DecoderException(e);
    }
  }
}
