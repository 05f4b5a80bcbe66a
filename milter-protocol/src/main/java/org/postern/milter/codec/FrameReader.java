package org.postern.milter.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the fields of one frame's data; every shortfall is a {@link MilterProtocolException}. */
final class FrameReader {
  private final ByteBuf data;
  private final String frameName;

  FrameReader(ByteBuf data, String frameName) {
    this.data = data;
    this.frameName = frameName;
  }

  boolean hasRemaining() {
    return data.isReadable();
  }

  int readInt() {
    require(4, "32-bit number");
    return data.readInt();
  }

  int readUnsignedShort() {
    require(2, "16-bit port");
    return data.readUnsignedShort();
  }

  int readByte() {
    require(1, "octet");
    return data.readUnsignedByte();
  }

  /** A NUL-terminated string, each octet one char. */
  String readString(String field) {
    int nul = data.forEachByte(ByteProcessor.FIND_NUL);
    if (nul < 0) {
      throw malformed(field + " is not NUL-terminated");
    }
    String value =
        data.toString(data.readerIndex(), nul - data.readerIndex(), StandardCharsets.ISO_8859_1);
    data.readerIndex(nul + 1);
    return value;
  }

  /** NUL-terminated strings up to the end of the frame. */
  List<String> readStrings(String field) {
    List<String> values = new ArrayList<>();
    while (data.isReadable()) {
      values.add(readString(field));
    }
    return values;
  }

  byte[] readRemainingBytes() {
    byte[] bytes = new byte[data.readableBytes()];
    data.readBytes(bytes);
    return bytes;
  }

  void requireEnd() {
    if (data.isReadable()) {
      throw malformed(data.readableBytes() + " unexpected trailing bytes");
    }
  }

  MilterProtocolException malformed(String problem) {
    return new MilterProtocolException(
        MilterProtocolException.Reason.MALFORMED, frameName + ": " + problem);
  }

  private void require(int bytes, String field) {
    if (data.readableBytes() < bytes) {
      throw malformed("truncated " + field);
    }
  }
}
