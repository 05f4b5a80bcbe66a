package org.postern.milter.reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postern.milter.command.WireText;
import org.postern.milter.negotiation.Action;

/** A change to the message, sent at end of message before the verdict. */
public sealed interface MessageModification extends MilterReply
    permits MessageModification.AddHeader,
        MessageModification.InsertHeader,
        MessageModification.ChangeHeader,
        MessageModification.AddRecipient,
        MessageModification.AddRecipientWithArguments,
        MessageModification.DeleteRecipient,
        MessageModification.ReplaceBody,
        MessageModification.ChangeFrom,
        MessageModification.Quarantine {

  /** The action the MTA must have offered for this modification. */
  Action requiredAction();

  /** 'h': append a header. */
  record AddHeader(String name, String value) implements MessageModification {
    /** Code 'h'. */
    public static final char CODE = 'h';

    /** Checks the fields; the name must not be empty. */
    public AddHeader {
      requireHeaderName(name);
      WireText.requireEncodable("header value", value);
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public Action requiredAction() {
      return Action.ADD_HEADERS;
    }
  }

  /** 'i': insert a header at {@code index} (0 is the top). */
  record InsertHeader(int index, String name, String value) implements MessageModification {
    /** Code 'i'. */
    public static final char CODE = 'i';

    /** Checks the fields; the index is an unsigned 32-bit number on the wire. */
    public InsertHeader {
      if (index < 0) {
        throw new IllegalArgumentException("header index must not be negative: " + index);
      }
      requireHeaderName(name);
      WireText.requireEncodable("header value", value);
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public Action requiredAction() {
      return Action.ADD_HEADERS;
    }
  }

  /**
   * 'm': change the {@code index}-th (1-based) header called {@code name}; an empty value deletes
   * it.
   */
  record ChangeHeader(int index, String name, String value) implements MessageModification {
    /** Code 'm'. */
    public static final char CODE = 'm';

    /** Checks the fields. */
    public ChangeHeader {
      if (index < 0) {
        throw new IllegalArgumentException("header index must not be negative: " + index);
      }
      requireHeaderName(name);
      WireText.requireEncodable("header value", value);
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public Action requiredAction() {
      return Action.CHANGE_HEADERS;
    }
  }

  /** '+': add a recipient. */
  record AddRecipient(String recipient) implements MessageModification {
    /** Code '+'. */
    public static final char CODE = '+';

    /** Checks the recipient. */
    public AddRecipient {
      requireNonEmpty("recipient", recipient);
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public Action requiredAction() {
      return Action.ADD_RECIPIENT;
    }
  }

  /** '2': add a recipient with ESMTP arguments; empty arguments are not sent. */
  record AddRecipientWithArguments(String recipient, String esmtpArguments)
      implements MessageModification {
    /** Code '2'. */
    public static final char CODE = '2';

    /** Checks the fields. */
    public AddRecipientWithArguments {
      requireNonEmpty("recipient", recipient);
      WireText.requireEncodable("ESMTP arguments", esmtpArguments);
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public Action requiredAction() {
      return Action.ADD_RECIPIENT_WITH_ARGUMENTS;
    }
  }

  /** '-': remove a recipient, named as it was given in RCPT. */
  record DeleteRecipient(String recipient) implements MessageModification {
    /** Code '-'. */
    public static final char CODE = '-';

    /** Checks the recipient. */
    public DeleteRecipient {
      requireNonEmpty("recipient", recipient);
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public Action requiredAction() {
      return Action.DELETE_RECIPIENT;
    }
  }

  /** 'e': change the envelope sender, with ESMTP arguments; empty arguments are not sent. */
  record ChangeFrom(String sender, String esmtpArguments) implements MessageModification {
    /** Code 'e'. */
    public static final char CODE = 'e';

    /** Checks the fields. */
    public ChangeFrom {
      requireNonEmpty("sender", sender);
      WireText.requireEncodable("ESMTP arguments", esmtpArguments);
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public Action requiredAction() {
      return Action.CHANGE_FROM;
    }
  }

  /** 'q': put the message on hold with a reason. */
  record Quarantine(String reason) implements MessageModification {
    /** Code 'q'. */
    public static final char CODE = 'q';

    /** Checks the reason; libmilter refuses an empty one. */
    public Quarantine {
      requireNonEmpty("quarantine reason", reason);
    }

    @Override
    public char code() {
      return CODE;
    }

    @Override
    public Action requiredAction() {
      return Action.QUARANTINE;
    }
  }

  /**
   * 'b': one piece of the new body; consecutive pieces replace the whole body. Use {@link
   * #chunks(byte[])} to split a body into pieces of at most {@value #MAX_CHUNK} bytes.
   */
  final class ReplaceBody implements MessageModification {
    /** Code 'b'. */
    public static final char CODE = 'b';

    /** The largest piece libmilter sends (MILTER_CHUNK_SIZE). */
    public static final int MAX_CHUNK = 65535;

    private final byte[] bytes;

    /** Copies {@code bytes}. */
    public ReplaceBody(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    /** The pieces that replace the body with {@code body}; an empty body is one empty piece. */
    public static List<ReplaceBody> chunks(byte[] body) {
      List<ReplaceBody> pieces = new ArrayList<>();
      int offset = 0;
      do {
        int end = Math.min(body.length, offset + MAX_CHUNK);
        pieces.add(new ReplaceBody(Arrays.copyOfRange(body, offset, end)));
        offset = end;
      } while (offset < body.length);
      return pieces;
    }

    /** A copy of this piece's bytes. */
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
    public Action requiredAction() {
      return Action.CHANGE_BODY;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ReplaceBody piece && Arrays.equals(bytes, piece.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "ReplaceBody[" + bytes.length + " bytes]";
    }
  }

  private static void requireHeaderName(String name) {
    requireNonEmpty("header name", name);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c == ':' || c > '~') {
        throw new IllegalArgumentException("invalid header name: " + name);
      }
    }
  }

  private static void requireNonEmpty(String field, String value) {
    WireText.requireEncodable(field, value);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
  }
}
