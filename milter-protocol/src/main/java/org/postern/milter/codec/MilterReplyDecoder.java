package org.postern.milter.codec;

/** Client side: decodes a milter's frames into {@link org.postern.milter.reply.MilterReply}s. */
public final class MilterReplyDecoder extends MilterFrameDecoder {
  /** A decoder with the default 1 MiB frame limit. */
  public MilterReplyDecoder() {
    this(DEFAULT_MAX_FRAME_LENGTH);
  }

  /** A decoder refusing frames longer than {@code maxFrameLength}. */
  public MilterReplyDecoder(int maxFrameLength) {
    super(maxFrameLength);
  }

  @Override
  Object parse(int code, FrameReader data) {
    return ReplyFormat.parse(code, data);
  }
}
