package org.postern.milter.codec;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.command.MilterCommand;

/** The byte layout of every MTA-to-milter command, in both directions. */
public final class CommandFormat {
  private CommandFormat() {}

  /** Appends {@code command} as one frame to {@code out}. */
  public static void write(MilterCommand command, ByteBuf out) {
    FrameWriter frame = new FrameWriter(out, command.code());
    if (command instanceof MilterCommand.OptionNegotiation negotiation) {
      frame
          .writeInt(negotiation.version())
          .writeInt(negotiation.actions())
          .writeInt(negotiation.protocol());
    } else if (command instanceof MilterCommand.MacroDefinition definition) {
      frame.writeByte(definition.commandCode());
      definition.macros().forEach((name, value) -> frame.writeString(name).writeString(value));
    } else if (command instanceof MilterCommand.Connect connect) {
      frame.writeString(connect.hostname()).writeByte(connect.family().code());
      if (connect.family() != AddressFamily.UNKNOWN) {
        frame.writeShort(connect.port()).writeString(connect.address());
      }
    } else if (command instanceof MilterCommand.Helo helo) {
      frame.writeString(helo.name());
    } else if (command instanceof MilterCommand.Mail mail) {
      frame.writeString(mail.sender());
      mail.esmtpArguments().forEach(frame::writeString);
    } else if (command instanceof MilterCommand.Recipient recipient) {
      frame.writeString(recipient.recipient());
      recipient.esmtpArguments().forEach(frame::writeString);
    } else if (command instanceof MilterCommand.Header header) {
      frame.writeString(header.name()).writeString(header.value());
    } else if (command instanceof MilterCommand.BodyChunk chunk) {
      frame.writeBytes(chunk.bytes());
    } else if (command instanceof MilterCommand.EndOfMessage end) {
      frame.writeBytes(end.trailingBody());
    } else if (command instanceof MilterCommand.UnknownCommand unknown) {
      frame.writeString(unknown.command());
    }
    // DATA, EOH, ABORT, QUIT and QUIT_NC carry no data.
    frame.finish();
  }

  /** Parses the data of a command frame with code {@code code}. */
  static MilterCommand parse(int code, FrameReader data) {
    switch (code) {
      case MilterCommand.OptionNegotiation.CODE:
        {
          // Bytes after the three words are reserved for extensions; libmilter ignores them too.
          return new MilterCommand.OptionNegotiation(
              data.readInt(), data.readInt(), data.readInt());
        }
      case MilterCommand.MacroDefinition.CODE:
        return parseMacros(data);
      case MilterCommand.Connect.CODE:
        return parseConnect(data);
      case MilterCommand.Helo.CODE:
        return ended(new MilterCommand.Helo(data.readString("helo name")), data);
      case MilterCommand.Mail.CODE:
        {
          List<String> arguments = data.readStrings("MAIL argument");
          if (arguments.isEmpty()) {
            throw data.malformed("no sender");
          }
          return new MilterCommand.Mail(arguments.get(0), arguments.subList(1, arguments.size()));
        }
      case MilterCommand.Recipient.CODE:
        {
          List<String> arguments = data.readStrings("RCPT argument");
          if (arguments.isEmpty()) {
            throw data.malformed("no recipient");
          }
          return new MilterCommand.Recipient(
              arguments.get(0), arguments.subList(1, arguments.size()));
        }
      case MilterCommand.Data.CODE:
        return ended(new MilterCommand.Data(), data);
      case MilterCommand.Header.CODE:
        return ended(
            new MilterCommand.Header(
                data.readString("header name"), data.readString("header value")),
            data);
      case MilterCommand.EndOfHeaders.CODE:
        return ended(new MilterCommand.EndOfHeaders(), data);
      case MilterCommand.BodyChunk.CODE:
        return new MilterCommand.BodyChunk(data.readRemainingBytes());
      case MilterCommand.EndOfMessage.CODE:
        return new MilterCommand.EndOfMessage(data.readRemainingBytes());
      case MilterCommand.Abort.CODE:
        return ended(new MilterCommand.Abort(), data);
      case MilterCommand.UnknownCommand.CODE:
        return ended(new MilterCommand.UnknownCommand(data.readString("command")), data);
      case MilterCommand.Quit.CODE:
        return ended(new MilterCommand.Quit(), data);
      case MilterCommand.QuitNewConnection.CODE:
        return ended(new MilterCommand.QuitNewConnection(), data);
      default:
        throw new MilterProtocolException(
            MilterProtocolException.Reason.MALFORMED, "unknown command code " + describe(code));
    }
  }

  private static MilterCommand parseMacros(FrameReader data) {
    int commandCode = data.readByte();
    if (commandCode == 0) {
      throw data.malformed("NUL command code");
    }
    List<String> strings = data.readStrings("macro");
    if (strings.size() % 2 != 0) {
      throw data.malformed("macro name without value");
    }
    Map<String, String> macros = new LinkedHashMap<>();
    for (int i = 0; i < strings.size(); i += 2) {
      macros.put(strings.get(i), strings.get(i + 1));
    }
    return new MilterCommand.MacroDefinition((char) commandCode, macros);
  }

  private static MilterCommand parseConnect(FrameReader data) {
    String hostname = data.readString("hostname");
    int familyCode = data.readByte();
    AddressFamily family =
        AddressFamily.ofCode(familyCode)
            .orElseThrow(() -> data.malformed("unknown address family " + describe(familyCode)));
    if (family == AddressFamily.UNKNOWN) {
      return ended(MilterCommand.Connect.unknown(hostname), data);
    }
    int port = data.readUnsignedShort();
    String address = data.readString("address");
    return ended(new MilterCommand.Connect(hostname, family, port, address), data);
  }

  private static MilterCommand ended(MilterCommand command, FrameReader data) {
    data.requireEnd();
    return command;
  }

  static String describe(int code) {
    return code >= 0x21 && code <= 0x7E ? "'" + (char) code + "'" : String.format("0x%02x", code);
  }
}
