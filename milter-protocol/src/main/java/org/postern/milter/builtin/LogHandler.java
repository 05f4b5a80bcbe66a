package org.postern.milter.builtin;

import java.util.Locale;
import java.util.stream.Collectors;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per message at INFO when it gets its final answer: queue id, sender, recipients,
 * verdict. Whichever filter decided, so put it anywhere in the chain.
 */
public final class LogHandler implements MilterHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LogHandler.class);

  @Override
  public MilterRequirements requirements() {
    // Sender and recipients arrive without a reply; every other step is off.
    return MilterRequirements.none()
        .watchingOnly(ProtocolFlag.NO_REPLY_MAIL, ProtocolFlag.NO_REPLY_RCPT)
        .withMacros(MacroStage.END_OF_MESSAGE, "i");
  }

  @Override
  public void messageDecided(MilterContext context, Verdict verdict) {
    if (LOG.isInfoEnabled()) {
      LOG.info(line(context, verdict));
    }
  }

  /** The log line for a message of {@code context} answered with {@code verdict}. */
  static String line(MilterContext context, Verdict verdict) {
    String recipients =
        context.recipients().stream()
            .map(MilterCommand.Recipient::recipient)
            .collect(Collectors.joining(","));
    return "milter message "
        + context.queueId().orElse("-")
        + ": from="
        + context.sender().map(MilterCommand.Mail::sender).orElse("-")
        + " to="
        + (recipients.isEmpty() ? "-" : recipients)
        + " verdict="
        + describe(verdict);
  }

  private static String describe(Verdict verdict) {
    if (verdict instanceof ReplyCode code) {
      return "reply \""
          + code.smtpCode()
          + " "
          + code.enhancedStatus()
          + " "
          + String.join(" / ", code.lines())
          + "\"";
    }
    if (verdict instanceof Verdict.Continue) {
      return "accept";
    }
    return verdict.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
