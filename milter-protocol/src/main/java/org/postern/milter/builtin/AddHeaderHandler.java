package org.postern.milter.builtin;

import java.util.concurrent.CompletionStage;
import org.postern.milter.handler.MessageModifier;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.Verdict;

/** Appends one fixed header to every message, e.g. {@code X-Postern-Checked: yes}. */
public final class AddHeaderHandler implements MilterHandler {
  private final MessageModification.AddHeader header;
  private final MessageModification.AddHeader withLeadingSpace;

  /**
   * A filter adding {@code name: value}; the MTA puts the space after the colon, unless another
   * filter of the chain negotiated SMFIP_HDR_LEADSPC, in which case this filter sends it.
   */
  public AddHeaderHandler(String name, String value) {
    this.header = new MessageModification.AddHeader(name, value);
    this.withLeadingSpace = new MessageModification.AddHeader(name, " " + value);
  }

  @Override
  public MilterRequirements requirements() {
    // Only end of message: each step left on would cost a round trip per message.
    return MilterRequirements.none().requiring(Action.ADD_HEADERS).watchingOnly();
  }

  @Override
  public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
    boolean leadingSpace = context.options().has(ProtocolFlag.HEADER_LEADING_SPACE);
    modifier.add(leadingSpace ? withLeadingSpace : header);
    return CONTINUE;
  }
}
