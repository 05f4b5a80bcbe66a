package org.postern.milter.negotiation;

import java.util.List;
import java.util.Map;
import org.postern.milter.reply.NegotiationReply;

/**
 * The outcome of negotiation: what the MTA offered and what the milter answered. The answer's
 * protocol bits decide which steps come and which get replies.
 */
public record NegotiatedOptions(
    int offeredVersion,
    int offeredActions,
    int offeredProtocol,
    int version,
    int actions,
    int protocol,
    Map<MacroStage, List<String>> macroLists) {

  /** Copies the macro lists. */
  public NegotiatedOptions {
    macroLists = Map.copyOf(macroLists);
  }

  /** The OPTNEG reply to send to the MTA. */
  public NegotiationReply reply() {
    return new NegotiationReply(version, actions, protocol, macroLists);
  }

  /** Whether the milter may use {@code action}. */
  public boolean allows(Action action) {
    return (actions & action.bit()) != 0;
  }

  /** Whether the agreed protocol bits contain {@code flag}. */
  public boolean has(ProtocolFlag flag) {
    return flag.isSetIn(protocol);
  }

  /**
   * Whether the MTA leaves out the step that {@code suppression} names: the milter asked so, or the
   * MTA did not offer the bit, meaning its protocol version never sends that step.
   */
  public boolean suppresses(ProtocolFlag suppression) {
    return has(suppression) || !suppression.isSetIn(offeredProtocol);
  }

  /** Whether the MTA understands a SKIP reply. */
  public boolean mtaUnderstandsSkip() {
    return ProtocolFlag.SKIP.isSetIn(offeredProtocol);
  }
}
