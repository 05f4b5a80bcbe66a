package org.postern.milter.codec;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.MilterReply;
import org.postern.milter.reply.NegotiationReply;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

/** The byte layout of every milter-to-MTA reply, in both directions. */
public final class ReplyFormat {
  private ReplyFormat() {}

  /** Appends {@code reply} as one frame to {@code out}. */
  public static void write(MilterReply reply, ByteBuf out) {
    FrameWriter frame = new FrameWriter(out, reply.code());
    if (reply instanceof NegotiationReply negotiation) {
      frame
          .writeInt(negotiation.version())
          .writeInt(negotiation.actions())
          .writeInt(negotiation.protocol());
      negotiation
          .macroLists()
          .forEach(
              (stage, names) ->
                  frame.writeInt(stage.number()).writeString(String.join(" ", names)));
    } else if (reply instanceof ReplyCode code) {
      frame.writeString(code.wireText());
    } else if (reply instanceof MessageModification.AddHeader header) {
      frame.writeString(header.name()).writeString(header.value());
    } else if (reply instanceof MessageModification.InsertHeader header) {
      frame.writeInt(header.index()).writeString(header.name()).writeString(header.value());
    } else if (reply instanceof MessageModification.ChangeHeader header) {
      frame.writeInt(header.index()).writeString(header.name()).writeString(header.value());
    } else if (reply instanceof MessageModification.AddRecipient recipient) {
      frame.writeString(recipient.recipient());
    } else if (reply instanceof MessageModification.AddRecipientWithArguments recipient) {
      frame.writeString(recipient.recipient());
      if (!recipient.esmtpArguments().isEmpty()) {
        frame.writeString(recipient.esmtpArguments());
      }
    } else if (reply instanceof MessageModification.DeleteRecipient recipient) {
      frame.writeString(recipient.recipient());
    } else if (reply instanceof MessageModification.ReplaceBody body) {
      frame.writeBytes(body.bytes());
    } else if (reply instanceof MessageModification.ChangeFrom from) {
      frame.writeString(from.sender());
      if (!from.esmtpArguments().isEmpty()) {
        frame.writeString(from.esmtpArguments());
      }
    } else if (reply instanceof MessageModification.Quarantine quarantine) {
      frame.writeString(quarantine.reason());
    }
    // The other verdicts and PROGRESS carry no data.
    frame.finish();
  }

  /** Parses the data of a reply frame with code {@code code}. */
  static MilterReply parse(int code, FrameReader data) {
    try {
      return parseFields(code, data);
    } catch (IllegalArgumentException invalid) {
      throw data.malformed(invalid.getMessage());
    }
  }

  private static MilterReply parseFields(int code, FrameReader data) {
    switch (code) {
      case NegotiationReply.CODE:
        return parseNegotiation(data);
      case Verdict.Accept.CODE:
        return ended(new Verdict.Accept(), data);
      case Verdict.Continue.CODE:
        return ended(new Verdict.Continue(), data);
      case Verdict.Reject.CODE:
        return ended(new Verdict.Reject(), data);
      case Verdict.Tempfail.CODE:
        return ended(new Verdict.Tempfail(), data);
      case Verdict.Discard.CODE:
        return ended(new Verdict.Discard(), data);
      case Verdict.Skip.CODE:
        return ended(new Verdict.Skip(), data);
      case Verdict.Shutdown.CODE:
        return ended(new Verdict.Shutdown(), data);
      case Verdict.ConnectionFailure.CODE:
        return ended(new Verdict.ConnectionFailure(), data);
      case MilterReply.Progress.CODE:
        return ended(new MilterReply.Progress(), data);
      case ReplyCode.CODE:
        return ended(ReplyCode.parseWireText(data.readString("reply text")), data);
      case MessageModification.AddHeader.CODE:
        return ended(
            new MessageModification.AddHeader(
                data.readString("header name"), data.readString("header value")),
            data);
      case MessageModification.InsertHeader.CODE:
        return ended(
            new MessageModification.InsertHeader(
                data.readInt(), data.readString("header name"), data.readString("header value")),
            data);
      case MessageModification.ChangeHeader.CODE:
        return ended(
            new MessageModification.ChangeHeader(
                data.readInt(), data.readString("header name"), data.readString("header value")),
            data);
      case MessageModification.AddRecipient.CODE:
        return ended(new MessageModification.AddRecipient(data.readString("recipient")), data);
      case MessageModification.AddRecipientWithArguments.CODE:
        {
          String recipient = data.readString("recipient");
          String arguments = data.hasRemaining() ? data.readString("ESMTP arguments") : "";
          return ended(
              new MessageModification.AddRecipientWithArguments(recipient, arguments), data);
        }
      case MessageModification.DeleteRecipient.CODE:
        return ended(new MessageModification.DeleteRecipient(data.readString("recipient")), data);
      case MessageModification.ReplaceBody.CODE:
        return new MessageModification.ReplaceBody(data.readRemainingBytes());
      case MessageModification.ChangeFrom.CODE:
        {
          String sender = data.readString("sender");
          String arguments = data.hasRemaining() ? data.readString("ESMTP arguments") : "";
          return ended(new MessageModification.ChangeFrom(sender, arguments), data);
        }
      case MessageModification.Quarantine.CODE:
        return ended(new MessageModification.Quarantine(data.readString("reason")), data);
      default:
        throw new MilterProtocolException(
            MilterProtocolException.Reason.MALFORMED,
            "unknown reply code " + CommandFormat.describe(code));
    }
  }

  private static MilterReply parseNegotiation(FrameReader data) {
    int version = data.readInt();
    int actions = data.readInt();
    int protocol = data.readInt();
    Map<MacroStage, List<String>> lists = new EnumMap<>(MacroStage.class);
    while (data.hasRemaining()) {
      int number = data.readInt();
      String names = data.readString("macro list").trim();
      // Postfix ignores unknown stages too; a later libmilter may add some.
      MacroStage.ofNumber(number)
          .ifPresent(
              stage ->
                  lists.put(
                      stage, names.isEmpty() ? List.of() : Arrays.asList(names.split("\\s+"))));
    }
    return new NegotiationReply(version, actions, protocol, lists);
  }

  private static MilterReply ended(MilterReply reply, FrameReader data) {
    data.requireEnd();
    return reply;
  }
}
