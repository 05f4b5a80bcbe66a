package org.postern.milter.reply;

/** A message from the milter to the MTA: a verdict, a modification, progress or negotiation. */
public sealed interface MilterReply
    permits Verdict, MessageModification, MilterReply.Progress, NegotiationReply {

  /** The reply byte on the wire. */
  char code();

  /** 'p': still working; resets the MTA's timeout. */
  record Progress() implements MilterReply {
    /** Code 'p'. */
    public static final char CODE = 'p';

    @Override
    public char code() {
      return CODE;
    }
  }
}
