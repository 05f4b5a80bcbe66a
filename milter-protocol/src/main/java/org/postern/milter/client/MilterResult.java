package org.postern.milter.client;

import java.util.List;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

/**
 * What the milter decided about a message: the final verdict (a {@link ReplyCode} carries its SMTP
 * text), the modifications in the order they came, and how many PROGRESS replies it sent.
 */
public record MilterResult(
    Verdict verdict, List<MessageModification> modifications, int progressReplies) {

  /** Copies the modifications. */
  public MilterResult {
    if (verdict == null) {
      throw new IllegalArgumentException("verdict must not be null");
    }
    modifications = List.copyOf(modifications);
  }

  /** Whether the MTA should deliver the message: ACCEPT or CONTINUE at end of message. */
  public boolean delivers() {
    return verdict instanceof Verdict.Accept || verdict instanceof Verdict.Continue;
  }
}
