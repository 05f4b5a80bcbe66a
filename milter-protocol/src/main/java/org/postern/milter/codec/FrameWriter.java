package org.postern.milter.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes one frame: a length placeholder, the code, fields, then the real length. */
final class FrameWriter {
  private final ByteBuf out;
  private final int lengthIndex;

  FrameWriter(ByteBuf out, char code) {
    this.out = out;
    this.lengthIndex = out.writerIndex();
    out.writeInt(0);
    out.writeByte(code);
  }

  FrameWriter writeInt(int value) {
    out.writeInt(value);
    return this;
  }

  FrameWriter writeShort(int value) {
    out.writeShort(value);
    return this;
  }

  FrameWriter writeByte(int value) {
    out.writeByte(value);
    return this;
  }

  /** The string's octets and a NUL. */
  FrameWriter writeString(String value) {
    out.writeCharSequence(value, StandardCharsets.ISO_8859_1);
    out.writeByte(0);
    return this;
  }

  FrameWriter writeBytes(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  void finish() {
    out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
  }
}
