package org.postern.milter.command;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A message from the MTA to the milter; each type is immutable and named after its step. */
public sealed interface MilterCommand
    permits MilterCommand.OptionNegotiation,
        MilterCommand.MacroDefinition,
        MilterCommand.Connect,
        MilterCommand.Helo,
        MilterCommand.Mail,
        MilterCommand.Recipient,
        MilterCommand.Data,
        MilterCommand.Header,
        MilterCommand.EndOfHeaders,
        MilterCommand.BodyChunk,
        MilterCommand.EndOfMessage,
        MilterCommand.Abort,
        MilterCommand.UnknownCommand,
        MilterCommand.Quit,
        MilterCommand.QuitNewConnection {

  /** The command byte on the wire. */
  char code();

  /** 'O': the MTA's protocol version, offered actions and protocol bits. */
  record OptionNegotiation(int version, int actions, int protocol) implements MilterCommand {
    /** Code 'O'. */
    public static final char CODE = 'O';

    @Override
    public char code() {
      return CODE;
    }
  }

  /**
   * 'D': macros for the step with {@code commandCode}, name/value pairs in the MTA's order. Names
   * are as sent, e.g. {@code i} or {@code {daemon_name}}.
   */
  record MacroDefinition(char commandCode, Map<String, String> macros) implements MilterCommand {
    /** Code 'D'. */
    public static final char CODE = 'D';

    /** Copies the macros, keeping their order, and checks they can be sent. */
    public MacroDefinition {
      if (commandCode == 0 || commandCode > 0xFF) {
        throw new IllegalArgumentException("macro command code must be one non-NUL octet");
      }
      Map<String, String> copy = new LinkedHashMap<>();
      macros.forEach(
          (name, value) ->
              copy.put(
                  WireText.requireEncodable("macro name", name),
                  WireText.requireEncodable("macro value", value)));
      macros = Collections.unmodifiableMap(copy);
    }

    @Override
    public char code() {
      return CODE;
    }
  }

  /**
   * 'C': the SMTP client. {@code port} and {@code address} are 0 and "" for {@link
   * AddressFamily#UNKNOWN}; for {@link AddressFamily#UNIX} the address is the socket path.
   */
  record Connect(String hostname, AddressFamily family, int port, String address)
      implements MilterCommand {
    /** Code 'C'. */
    public static final char CODE = 'C';

    /** Checks the fields against the family. */
    public Connect {
      WireText.requireEncodable("hostname", hostname);
      WireText.requireEncodable("address", address);
      if (family == null) {
        throw new IllegalArgumentException("family must not be null");
      }
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      if (family == AddressFamily.UNKNOWN && (port != 0 || !address.isEmpty())) {
        throw new IllegalArgumentException("an unknown family carries no port and no address");
      }
    }

    /** A CONNECT whose client address is unknown. */
    public static Connect unknown(String hostname) {
      return new Connect(hostname, AddressFamily.UNKNOWN, 0, "");
    }

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'H': the HELO or EHLO name. */
  record Helo(String name) implements MilterCommand {
    /** Code 'H'. */
    public static final char CODE = 'H';

    /** Checks the name can be sent. */
    public Helo {
      WireText.requireEncodable("helo name", name);
    }

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'M': the envelope sender (as sent, usually in angle brackets) and its ESMTP arguments. */
  record Mail(String sender, List<String> esmtpArguments) implements MilterCommand {
    /** Code 'M'. */
    public static final char CODE = 'M';

    /** Checks and copies the fields. */
    public Mail {
      WireText.requireEncodable("sender", sender);
      esmtpArguments = List.copyOf(esmtpArguments);
      esmtpArguments.forEach(argument -> WireText.requireEncodable("ESMTP argument", argument));
    }

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'R': one envelope recipient and its ESMTP arguments. */
  record Recipient(String recipient, List<String> esmtpArguments) implements MilterCommand {
    /** Code 'R'. */
    public static final char CODE = 'R';

    /** Checks and copies the fields. */
    public Recipient {
      WireText.requireEncodable("recipient", recipient);
      esmtpArguments = List.copyOf(esmtpArguments);
      esmtpArguments.forEach(argument -> WireText.requireEncodable("ESMTP argument", argument));
    }

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'T': the DATA command was given. */
  record Data() implements MilterCommand {
    /** Code 'T'. */
    public static final char CODE = 'T';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'L': one header; multi-line values keep their line breaks. */
  record Header(String name, String value) implements MilterCommand {
    /** Code 'L'. */
    public static final char CODE = 'L';

    /** Checks the fields can be sent. */
    public Header {
      WireText.requireEncodable("header name", name);
      WireText.requireEncodable("header value", value);
    }

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'N': all headers were sent. */
  record EndOfHeaders() implements MilterCommand {
    /** Code 'N'. */
    public static final char CODE = 'N';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'B': a piece of the body, CRLF line endings, at most 65535 bytes from Postfix. */
  final class BodyChunk implements MilterCommand {
    /** Code 'B'. */
    public static final char CODE = 'B';

    private final byte[] bytes;

    /** Copies {@code bytes}. */
    public BodyChunk(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    /** A copy of the chunk's bytes. */
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The number of bytes. */
    public int length() {
      return bytes.length;
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BodyChunk chunk && Arrays.equals(bytes, chunk.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "BodyChunk[" + bytes.length + " bytes]";
    }
  }

  /** 'E': end of message, with optional trailing body bytes (libmilter treats them as BODY). */
  final class EndOfMessage implements MilterCommand {
    /** Code 'E'. */
    public static final char CODE = 'E';

    private final byte[] trailingBody;

    /** Copies {@code trailingBody}; empty when there is none. */
    public EndOfMessage(byte[] trailingBody) {
      this.trailingBody = trailingBody.clone();
    }

    /** End of message without trailing data, as Postfix sends it. */
    public EndOfMessage() {
      this(new byte[0]);
    }

    /** A copy of the trailing body bytes. */
    public byte[] trailingBody() {
      return trailingBody.clone();
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof EndOfMessage end && Arrays.equals(trailingBody, end.trailingBody);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(trailingBody);
    }

    @Override
    public String toString() {
      return "EndOfMessage[" + trailingBody.length + " trailing bytes]";
    }
  }

  /** 'A': the current message is abandoned; the connection stays. */
  record Abort() implements MilterCommand {
    /** Code 'A'. */
    public static final char CODE = 'A';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'U': an SMTP command the MTA did not recognise, as the client sent it. */
  record UnknownCommand(String command) implements MilterCommand {
    /** Code 'U'. */
    public static final char CODE = 'U';

    /** Checks the command can be sent. */
    public UnknownCommand {
      WireText.requireEncodable("unknown command", command);
    }

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'Q': the session ends and the socket closes. */
  record Quit() implements MilterCommand {
    /** Code 'Q'. */
    public static final char CODE = 'Q';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'K': the SMTP connection ended; a new one follows on the same socket. */
  record QuitNewConnection() implements MilterCommand {
    /** Code 'K'. */
    public static final char CODE = 'K';

    @Override
    public char code() {
      return CODE;
    }
  }
}
