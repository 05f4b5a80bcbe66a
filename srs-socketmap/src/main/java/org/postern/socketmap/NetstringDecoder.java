package org.postern.socketmap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames netstrings ({@code LEN:DATA,}) into their UTF-8 payloads. Rejects leading zeros, non-digit
 * lengths, lengths over the limit and a missing comma with {@link MalformedNetstringException};
 * after that it discards all further input, since the stream cannot be resynchronised.
 */
public final class NetstringDecoder extends ByteToMessageDecoder {
  private final int maxLength;
  private final int maxDigits;
  private boolean failed;

  /** A decoder accepting payloads of up to {@code maxLength} bytes. */
  public NetstringDecoder(int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
    }
    this.maxLength = maxLength;
    this.maxDigits = Integer.toString(maxLength).length();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int start = in.readerIndex();
    int readable = in.readableBytes();
    int digits = 0;
    long length = 0;
    while (true) {
      if (digits == readable) {
        return; // the length is still arriving
      }
      byte b = in.getByte(start + digits);
      if (b == ':') {
        break;
      }
      if (b < '0' || b > '9') {
        throw fail(in, "expected a digit or ':' in the length, got byte " + (b & 0xff));
      }
      if (digits == 1 && length == 0) {
        throw fail(in, "leading zero in the length");
      }
      if (digits == maxDigits) {
        throw fail(in, "length has more than " + maxDigits + " digits");
      }
      length = length * 10 + (b - '0');
      digits++;
    }
    if (digits == 0) {
      throw fail(in, "empty length");
    }
    if (length > maxLength) {
      throw fail(in, "length " + length + " exceeds the limit of " + maxLength);
    }
    int payloadLength = (int) length;
    int frameLength = digits + 1 + payloadLength + 1;
    if (readable < frameLength) {
      return; // the payload is still arriving
    }
    byte terminator = in.getByte(start + frameLength - 1);
    if (terminator != ',') {
      throw fail(
          in, "expected ',' after " + payloadLength + " bytes, got byte " + (terminator & 0xff));
    }
    String payload = in.toString(start + digits + 1, payloadLength, StandardCharsets.UTF_8);
    in.skipBytes(frameLength);
    out.add(payload);
  }

  private MalformedNetstringException fail(ByteBuf in, String reason) {
    failed = true;
    in.skipBytes(in.readableBytes());
    return new MalformedNetstringException(reason);
  }
}
