package org.postern.dkim.milter;

import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.ProtocolFlag;

/**
 * What both DKIM filters need from the MTA: the client (CONNECT and the login macro at MAIL) to
 * tell our users from others, byte-exact headers and the body. They answer only at end of message,
 * so the steps they read come without replies: a round trip per header would cost more than DKIM.
 */
final class DkimMilterRequirements {
  private DkimMilterRequirements() {}

  /** The requirements of a DKIM filter that modifies the message with {@code actions}. */
  static MilterRequirements using(Action... actions) {
    return MilterRequirements.none()
        .requiring(actions)
        .withFlags(ProtocolFlag.HEADER_LEADING_SPACE)
        .watchingOnly(
            ProtocolFlag.NO_REPLY_CONNECT,
            ProtocolFlag.NO_REPLY_MAIL,
            ProtocolFlag.NO_REPLY_HEADER,
            ProtocolFlag.NO_REPLY_END_OF_HEADERS,
            ProtocolFlag.NO_REPLY_BODY)
        .withMacros(MacroStage.MAIL, InternalClients.AUTHENTICATED_MACRO);
  }
}
