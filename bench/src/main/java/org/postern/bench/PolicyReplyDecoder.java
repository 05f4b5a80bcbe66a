package org.postern.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Joins the lines of one policy reply ({@code action=...}, possibly other attributes, then an empty
 * line) into one message: the {@code action=} line, or the first line when there is none, which the
 * driver then counts as an error.
 */
final class PolicyReplyDecoder extends MessageToMessageDecoder<String> {
  /** The attribute every policy reply carries. */
  static final String ACTION = "action=";

  private String first;
  private String action;

  PolicyReplyDecoder() {
    super(String.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
    if (!line.isEmpty()) {
      if (first == null) {
        first = line;
      }
      if (action == null && line.startsWith(ACTION)) {
        action = line;
      }
      return;
    }
    // A reply without attributes is passed on empty and counted as an error, as Postfix would.
    out.add(action != null ? action : first != null ? first : "");
    first = null;
    action = null;
  }
}
