package org.postern.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the lines of one policy reply ({@code action=...}, possibly other attributes, then an empty
 * line) into its {@link ReplyOutcome}, read from the bytes of the {@code action=} line: no string
 * per line, so the driver spends its CPU on the wire, not on itself. A reply without an action is
 * an error, as Postfix would count it.
 */
final class PolicyReplyDecoder extends MessageToMessageDecoder<ByteBuf> {
  /** The attribute every policy reply carries. */
  static final String ACTION = "action=";

  private static final byte[] ACTION_BYTES = ACTION.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DEFER_IF_PERMIT =
      "DEFER_IF_PERMIT".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DUNNO = "DUNNO".getBytes(StandardCharsets.US_ASCII);

  // The outcome of this reply's first action= line; null until one arrives.
  private ReplyOutcome outcome;

  PolicyReplyDecoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
    if (line.isReadable()) {
      if (outcome == null && startsWith(line, ACTION_BYTES)) {
        outcome = classifyAction(line, line.readerIndex() + ACTION_BYTES.length);
      }
      return;
    }
    out.add(outcome != null ? outcome : ReplyOutcome.ERROR);
    outcome = null;
  }

  /** The outcome of the action whose verb starts at {@code from}: the verb ends at a space. */
  private static ReplyOutcome classifyAction(ByteBuf line, int from) {
    int end = line.writerIndex();
    int space = line.indexOf(from, end, (byte) ' ');
    int verbEnd = space < 0 ? end : space;
    if (verbEnd == from) {
      return ReplyOutcome.ERROR;
    }
    if (equalsIgnoreCase(line, from, verbEnd, DEFER_IF_PERMIT)) {
      return ReplyOutcome.DEFER_IF_PERMIT;
    }
    if (equalsIgnoreCase(line, from, verbEnd, DUNNO)) {
      return ReplyOutcome.DUNNO;
    }
    return ReplyOutcome.OTHER_ACTION;
  }

  private static boolean startsWith(ByteBuf line, byte[] prefix) {
    if (line.readableBytes() < prefix.length) {
      return false;
    }
    int start = line.readerIndex();
    for (int i = 0; i < prefix.length; i++) {
      if (line.getByte(start + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalsIgnoreCase(ByteBuf line, int from, int to, byte[] upperCase) {
    if (to - from != upperCase.length) {
      return false;
    }
    for (int i = 0; i < upperCase.length; i++) {
      int c = line.getByte(from + i);
      if (c >= 'a' && c <= 'z') {
        c -= 'a' - 'A';
      }
      if (c != upperCase[i]) {
        return false;
      }
    }
    return true;
  }
}
