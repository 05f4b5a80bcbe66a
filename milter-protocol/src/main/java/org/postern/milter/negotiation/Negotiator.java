package org.postern.milter.negotiation;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postern.milter.command.MilterCommand;

/** Computes the milter's OPTNEG answer from the MTA's offer and the handlers' requirements. */
public final class Negotiator {
  /** The newest protocol version Postern speaks. */
  public static final int PROTOCOL_VERSION = 6;

  /** The oldest MTA protocol version accepted (libmilter's minimum). */
  public static final int MINIMUM_VERSION = 2;

  // libmilter reads an empty offer as the version 1 sets (SMFI_V1_ACTS, SMFI_V1_PROT).
  private static final int VERSION_1_ACTIONS = 0x0F;
  private static final int VERSION_1_PROTOCOL = 0x3F;

  private Negotiator() {}

  /**
   * Answers {@code min(6, offered)} version, the wanted actions the MTA offers, the wanted protocol
   * bits it offers, and the macro lists when it offers SETSYMLIST.
   *
   * @throws NegotiationException when the version is too old or a required action is missing
   */
  public static NegotiatedOptions negotiate(
      MilterCommand.OptionNegotiation offer, MilterRequirements requirements) {
    if (offer.version() < MINIMUM_VERSION) {
      throw new NegotiationException(
          "MTA protocol version "
              + offer.version()
              + " is older than the minimum "
              + MINIMUM_VERSION);
    }
    int offeredActions = offer.actions() == 0 ? VERSION_1_ACTIONS : offer.actions();
    int offeredProtocol = offer.protocol() == 0 ? VERSION_1_PROTOCOL : offer.protocol();
    Set<Action> offered = Action.fromMask(offeredActions);
    Set<Action> missing = EnumSet.noneOf(Action.class);
    missing.addAll(requirements.requiredActions());
    missing.removeAll(offered);
    if (!missing.isEmpty()) {
      throw new NegotiationException(
          "the MTA does not offer the required actions "
              + missing.stream().map(Enum::name).collect(Collectors.joining(", "))
              + String.format(" (offered actions 0x%x)", offeredActions));
    }
    int wanted =
        Action.toMask(requirements.requiredActions())
            | Action.toMask(requirements.optionalActions());
    int actions = wanted & offeredActions;
    Map<MacroStage, List<String>> macroLists = Map.of();
    if (!requirements.macros().isEmpty() && offered.contains(Action.SET_MACRO_LIST)) {
      actions |= Action.SET_MACRO_LIST.bit();
      macroLists = requirements.macros();
    }
    int protocol = ProtocolFlag.toMask(requirements.protocolFlags()) & offeredProtocol;
    return new NegotiatedOptions(
        offer.version(),
        offeredActions,
        offeredProtocol,
        Math.min(PROTOCOL_VERSION, offer.version()),
        actions,
        protocol,
        macroLists);
  }
}
