package org.postern.milter.client;

import java.util.Optional;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.ProtocolFlag;

/**
 * A step the client sends to the milter, with the flag that switches it off, the flag that switches
 * its reply off, and the stage whose macros go with it.
 */
public enum ClientStep {
  /** OPTNEG: always sent, always answered. */
  NEGOTIATE(null, null, null),
  /** CONNECT. */
  CONNECT(ProtocolFlag.NO_CONNECT, ProtocolFlag.NO_REPLY_CONNECT, MacroStage.CONNECT),
  /** HELO or EHLO. */
  HELO(ProtocolFlag.NO_HELO, ProtocolFlag.NO_REPLY_HELO, MacroStage.HELO),
  /** MAIL FROM. */
  MAIL(ProtocolFlag.NO_MAIL, ProtocolFlag.NO_REPLY_MAIL, MacroStage.MAIL),
  /** RCPT TO, once per recipient. */
  RCPT(ProtocolFlag.NO_RCPT, ProtocolFlag.NO_REPLY_RCPT, MacroStage.RCPT),
  /** DATA. */
  DATA(ProtocolFlag.NO_DATA, ProtocolFlag.NO_REPLY_DATA, MacroStage.DATA),
  /** One header. */
  HEADER(ProtocolFlag.NO_HEADERS, ProtocolFlag.NO_REPLY_HEADER, null),
  /** End of headers. */
  END_OF_HEADERS(
      ProtocolFlag.NO_END_OF_HEADERS,
      ProtocolFlag.NO_REPLY_END_OF_HEADERS,
      MacroStage.END_OF_HEADERS),
  /** One body chunk. */
  BODY(ProtocolFlag.NO_BODY, ProtocolFlag.NO_REPLY_BODY, null),
  /** End of message: modifications, progress and the final verdict. */
  END_OF_MESSAGE(null, null, MacroStage.END_OF_MESSAGE),
  /** An SMTP command the MTA did not know. */
  UNKNOWN(ProtocolFlag.NO_UNKNOWN, ProtocolFlag.NO_REPLY_UNKNOWN, null);

  private final ProtocolFlag suppression;
  private final ProtocolFlag noReply;
  private final MacroStage macroStage;

  ClientStep(ProtocolFlag suppression, ProtocolFlag noReply, MacroStage macroStage) {
    this.suppression = suppression;
    this.noReply = noReply;
    this.macroStage = macroStage;
  }

  /** The flag with which the milter asks not to get this step at all. */
  public Optional<ProtocolFlag> suppression() {
    return Optional.ofNullable(suppression);
  }

  /** The flag with which the milter says it will not answer this step. */
  public Optional<ProtocolFlag> noReply() {
    return Optional.ofNullable(noReply);
  }

  /** The stage whose macros are sent just before this step. */
  public Optional<MacroStage> macroStage() {
    return Optional.ofNullable(macroStage);
  }

  /** Whether the step belongs to a message and falls under Postfix's content timeout. */
  boolean isContent() {
    return this == HEADER || this == END_OF_HEADERS || this == BODY || this == END_OF_MESSAGE;
  }
}
