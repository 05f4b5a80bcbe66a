package org.postern.milter.negotiation;

import java.util.EnumSet;
import java.util.Set;

/**
 * The protocol bits of OPTNEG (libmilter's SMFIP_*): steps the MTA should not send, steps that get
 * no reply, and extensions.
 */
public enum ProtocolFlag {
  /** SMFIP_NOCONNECT: do not send CONNECT. */
  NO_CONNECT(0x01),
  /** SMFIP_NOHELO: do not send HELO. */
  NO_HELO(0x02),
  /** SMFIP_NOMAIL: do not send MAIL. */
  NO_MAIL(0x04),
  /** SMFIP_NORCPT: do not send RCPT. */
  NO_RCPT(0x08),
  /** SMFIP_NOBODY: do not send body chunks. */
  NO_BODY(0x10),
  /** SMFIP_NOHDRS: do not send headers. */
  NO_HEADERS(0x20),
  /** SMFIP_NOEOH: do not send end of headers. */
  NO_END_OF_HEADERS(0x40),
  /** SMFIP_NR_HDR (also SMFIP_NOHREPL): no reply to headers. */
  NO_REPLY_HEADER(0x80),
  /** SMFIP_NOUNKNOWN: do not send unknown SMTP commands. */
  NO_UNKNOWN(0x100),
  /** SMFIP_NODATA: do not send DATA. */
  NO_DATA(0x200),
  /** SMFIP_SKIP: the MTA understands SKIP. */
  SKIP(0x400),
  /** SMFIP_RCPT_REJ: also send recipients the MTA rejected. */
  REJECTED_RECIPIENTS(0x800),
  /** SMFIP_NR_CONN: no reply to CONNECT. */
  NO_REPLY_CONNECT(0x1000),
  /** SMFIP_NR_HELO: no reply to HELO. */
  NO_REPLY_HELO(0x2000),
  /** SMFIP_NR_MAIL: no reply to MAIL. */
  NO_REPLY_MAIL(0x4000),
  /** SMFIP_NR_RCPT: no reply to RCPT. */
  NO_REPLY_RCPT(0x8000),
  /** SMFIP_NR_DATA: no reply to DATA. */
  NO_REPLY_DATA(0x10000),
  /** SMFIP_NR_UNKN: no reply to unknown commands. */
  NO_REPLY_UNKNOWN(0x20000),
  /** SMFIP_NR_EOH: no reply to end of headers. */
  NO_REPLY_END_OF_HEADERS(0x40000),
  /** SMFIP_NR_BODY: no reply to body chunks. */
  NO_REPLY_BODY(0x80000),
  /** SMFIP_HDR_LEADSPC: header values keep their leading space. */
  HEADER_LEADING_SPACE(0x100000);

  /** Flags that switch a step off: when the MTA does not offer one, it never sends that step. */
  public static final Set<ProtocolFlag> STEP_SUPPRESSION =
      EnumSet.of(
          NO_CONNECT,
          NO_HELO,
          NO_MAIL,
          NO_RCPT,
          NO_BODY,
          NO_HEADERS,
          NO_END_OF_HEADERS,
          NO_UNKNOWN,
          NO_DATA);

  /** Flags that switch a reply off. */
  public static final Set<ProtocolFlag> NO_REPLY =
      EnumSet.of(
          NO_REPLY_HEADER,
          NO_REPLY_CONNECT,
          NO_REPLY_HELO,
          NO_REPLY_MAIL,
          NO_REPLY_RCPT,
          NO_REPLY_DATA,
          NO_REPLY_UNKNOWN,
          NO_REPLY_END_OF_HEADERS,
          NO_REPLY_BODY);

  private final int bit;

  ProtocolFlag(int bit) {
    this.bit = bit;
  }

  /** The bit of this flag in the OPTNEG protocol word. */
  public int bit() {
    return bit;
  }

  /** Whether this flag is set in {@code mask}. */
  public boolean isSetIn(int mask) {
    return (mask & bit) != 0;
  }

  /** The flags whose bits are set in {@code mask}; unknown bits are ignored. */
  public static Set<ProtocolFlag> fromMask(int mask) {
    Set<ProtocolFlag> flags = EnumSet.noneOf(ProtocolFlag.class);
    for (ProtocolFlag flag : values()) {
      if (flag.isSetIn(mask)) {
        flags.add(flag);
      }
    }
    return flags;
  }

  /** The OPTNEG protocol word for {@code flags}. */
  public static int toMask(Set<ProtocolFlag> flags) {
    int mask = 0;
    for (ProtocolFlag flag : flags) {
      mask |= flag.bit;
    }
    return mask;
  }

  /**
   * The no-reply flag of the step this flag switches off (NO_MAIL → NO_REPLY_MAIL): a filter that
   * does not want a step does not need its reply either. Null for flags that switch no step off.
   */
  public ProtocolFlag noReplyForSuppressedStep() {
    return switch (this) {
      case NO_CONNECT -> NO_REPLY_CONNECT;
      case NO_HELO -> NO_REPLY_HELO;
      case NO_MAIL -> NO_REPLY_MAIL;
      case NO_RCPT -> NO_REPLY_RCPT;
      case NO_BODY -> NO_REPLY_BODY;
      case NO_HEADERS -> NO_REPLY_HEADER;
      case NO_END_OF_HEADERS -> NO_REPLY_END_OF_HEADERS;
      case NO_UNKNOWN -> NO_REPLY_UNKNOWN;
      case NO_DATA -> NO_REPLY_DATA;
      default -> null;
    };
  }
}
