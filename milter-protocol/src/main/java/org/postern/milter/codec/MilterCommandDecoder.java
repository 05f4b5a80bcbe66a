package org.postern.milter.codec;

/** Server side: decodes the MTA's frames into {@link org.postern.milter.command.MilterCommand}s. */
public final class MilterCommandDecoder extends MilterFrameDecoder {
  /** A decoder with the default 1 MiB frame limit. */
  public MilterCommandDecoder() {
    this(DEFAULT_MAX_FRAME_LENGTH);
  }

  /** A decoder refusing frames longer than {@code maxFrameLength}. */
  public MilterCommandDecoder(int maxFrameLength) {
    super(maxFrameLength);
  }

  @Override
  Object parse(int code, FrameReader data) {
    return CommandFormat.parse(code, data);
  }
}
