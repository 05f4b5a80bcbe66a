package org.postern.milter.session;

import java.util.Optional;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.ProtocolFlag;

/** A step of the milter conversation that a handler answers. */
public enum Stage {
  /** CONNECT. */
  CONNECT(ProtocolFlag.NO_REPLY_CONNECT, MacroStage.CONNECT),
  /** HELO or EHLO. */
  HELO(ProtocolFlag.NO_REPLY_HELO, MacroStage.HELO),
  /** MAIL FROM. */
  MAIL(ProtocolFlag.NO_REPLY_MAIL, MacroStage.MAIL),
  /** RCPT TO, once per recipient. */
  RCPT(ProtocolFlag.NO_REPLY_RCPT, MacroStage.RCPT),
  /** DATA. */
  DATA(ProtocolFlag.NO_REPLY_DATA, MacroStage.DATA),
  /** One header. */
  HEADER(ProtocolFlag.NO_REPLY_HEADER, null),
  /** End of headers. */
  END_OF_HEADERS(ProtocolFlag.NO_REPLY_END_OF_HEADERS, null),
  /** One body chunk. */
  BODY(ProtocolFlag.NO_REPLY_BODY, null),
  /** End of message: modifications and the final verdict. */
  END_OF_MESSAGE(null, null),
  /** An SMTP command the MTA did not know. */
  UNKNOWN(ProtocolFlag.NO_REPLY_UNKNOWN, null);

  private final ProtocolFlag noReplyFlag;
  private final MacroStage clearsMacrosAfter;

  Stage(ProtocolFlag noReplyFlag, MacroStage clearsMacrosAfter) {
    this.noReplyFlag = noReplyFlag;
    this.clearsMacrosAfter = clearsMacrosAfter;
  }

  /** The flag that switches this stage's reply off; none for end of message. */
  public Optional<ProtocolFlag> noReplyFlag() {
    return Optional.ofNullable(noReplyFlag);
  }

  /** Whether this stage belongs to a message transaction. */
  public boolean isMessageStage() {
    return compareTo(MAIL) >= 0 && this != UNKNOWN;
  }

  /** Macros of stages numbered above this one are stale once this stage arrives (libmilter). */
  Optional<MacroStage> clearsMacrosAfter() {
    return Optional.ofNullable(clearsMacrosAfter);
  }
}
