package org.postern.milter.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames milter packets ({@code uint32 length} counting the code byte, the code, the data) and
 * hands each frame to {@link #parse}. A bad frame raises {@link MilterProtocolException} once;
 * everything after it is discarded, since the stream cannot be resynchronised.
 */
public abstract class MilterFrameDecoder extends ByteToMessageDecoder {
  /** The default frame limit: Postfix sends whole headers up to header_size_limit in one frame. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = 1024 * 1024;

  /** The largest configurable limit; any longer length is nonsense or another protocol. */
  public static final int MAX_FRAME_LENGTH_LIMIT = 256 * 1024 * 1024;

  private static final int LENGTH_BYTES = 4;

  private final int maxFrameLength;
  private boolean failed;

  /** A decoder refusing frames longer than {@code maxFrameLength} bytes (code byte included). */
  protected MilterFrameDecoder(int maxFrameLength) {
    if (maxFrameLength < 1 || maxFrameLength > MAX_FRAME_LENGTH_LIMIT) {
      throw new IllegalArgumentException(
          "max frame length must be 1.." + MAX_FRAME_LENGTH_LIMIT + ": " + maxFrameLength);
    }
    this.maxFrameLength = maxFrameLength;
  }

  /** The configured frame limit. */
  public int maxFrameLength() {
    return maxFrameLength;
  }

  @Override
  protected final void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      Object message = decodeFrame(in);
      if (message != null) {
        out.add(message);
      }
    } catch (MilterProtocolException violation) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw violation;
    }
  }

  private Object decodeFrame(ByteBuf in) {
    if (in.readableBytes() < LENGTH_BYTES) {
      return null;
    }
    int start = in.readerIndex();
    if (spellsAscii(in, start)) {
      String text = in.toString(start, LENGTH_BYTES, StandardCharsets.US_ASCII);
      throw new MilterProtocolException(
          MilterProtocolException.Reason.FOREIGN_PROTOCOL,
          "frame length bytes spell '"
              + text
              + "': another protocol (HTTP or SMTP?) is talking to the milter port");
    }
    long length = in.getUnsignedInt(start);
    if (length == 0) {
      throw new MilterProtocolException(
          MilterProtocolException.Reason.MALFORMED, "zero frame length: no command code");
    }
    if (length > maxFrameLength) {
      throw new MilterProtocolException(
          MilterProtocolException.Reason.FRAME_TOO_LARGE,
          "frame length " + length + " exceeds the maximum of " + maxFrameLength);
    }
    if (in.readableBytes() < LENGTH_BYTES + length) {
      return null;
    }
    in.skipBytes(LENGTH_BYTES);
    int code = in.readUnsignedByte();
    ByteBuf data = in.readSlice((int) length - 1);
    try {
      return parse(code, new FrameReader(data, "frame " + CommandFormat.describe(code)));
    } catch (IllegalArgumentException invalid) {
      throw new MilterProtocolException(
          MilterProtocolException.Reason.MALFORMED,
          "frame " + CommandFormat.describe(code) + ": " + invalid.getMessage());
    }
  }

  // A real length this large (>= 0x20202020) could never pass the limit, so printable bytes here
  // mean text; naming it makes the log line useful.
  private static boolean spellsAscii(ByteBuf in, int start) {
    for (int i = 0; i < LENGTH_BYTES; i++) {
      int b = in.getUnsignedByte(start + i);
      if (b < 0x20 || b > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** Turns one frame's code and data into a message. */
  abstract Object parse(int code, FrameReader data);
}
