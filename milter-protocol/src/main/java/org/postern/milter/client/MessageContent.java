package org.postern.milter.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.postern.milter.reply.MessageModification;

/**
 * A message split the way the milter protocol carries it: headers in order, then the body with CRLF
 * line endings. Header values are the octets after the colon (leading blank included), folded lines
 * joined by {@code \n} as MTAs send them. Can apply a milter's header and body modifications.
 */
public final class MessageContent {
  private final List<Header> headers;
  private final byte[] body;

  /** A header: its name and the text after the colon. */
  public record Header(String name, String value) {}

  /** A message with {@code headers} and {@code body}. */
  public MessageContent(List<Header> headers, byte[] body) {
    this.headers = List.copyOf(headers);
    this.body = body.clone();
  }

  /**
   * Splits an RFC 5322 message (LF or CRLF line endings) at the first empty line; lines without a
   * colon in the header section are refused.
   *
   * @throws IllegalArgumentException when a header line has no name
   */
  public static MessageContent parse(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    List<Header> headers = new ArrayList<>();
    int position = 0;
    while (position < text.length()) {
      int newline = text.indexOf('\n', position);
      int lineEnd = newline < 0 ? text.length() : newline;
      int next = newline < 0 ? text.length() : newline + 1;
      String line = text.substring(position, lineEnd);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      position = next;
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
        Header last = headers.remove(headers.size() - 1);
        headers.add(new Header(last.name(), last.value() + "\n" + line));
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon).strip();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("not a header line: " + line);
      }
      headers.add(new Header(name, line.substring(colon + 1)));
    }
    return new MessageContent(headers, crlf(text.substring(Math.min(position, text.length()))));
  }

  /** The headers in order. */
  public List<Header> headers() {
    return headers;
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  /** The whole message with CRLF line endings. */
  public byte[] toBytes() {
    StringBuilder head = new StringBuilder();
    for (Header header : headers) {
      head.append(header.name()).append(':').append(header.value()).append('\n');
    }
    head.append('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(crlf(head.toString()));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * This message after {@code modifications} (header changes and body replacement; envelope changes
   * do not touch the content). Unless {@code headerLeadingSpace} was negotiated, a space goes
   * between the colon and added values, as Postfix and Sendmail write them.
   */
  public MessageContent apply(List<MessageModification> modifications, boolean headerLeadingSpace) {
    List<Header> result = new ArrayList<>(headers);
    ByteArrayOutputStream newBody = null;
    String space = headerLeadingSpace ? "" : " ";
    for (MessageModification modification : modifications) {
      if (modification instanceof MessageModification.AddHeader add) {
        result.add(new Header(add.name(), space + add.value()));
      } else if (modification instanceof MessageModification.InsertHeader insert) {
        result.add(
            Math.min(insert.index(), result.size()),
            new Header(insert.name(), space + insert.value()));
      } else if (modification instanceof MessageModification.ChangeHeader change) {
        changeHeader(result, change, space);
      } else if (modification instanceof MessageModification.ReplaceBody piece) {
        if (newBody == null) {
          newBody = new ByteArrayOutputStream();
        }
        newBody.writeBytes(piece.bytes());
      }
    }
    return new MessageContent(result, newBody == null ? body : newBody.toByteArray());
  }

  private static void changeHeader(
      List<Header> headers, MessageModification.ChangeHeader change, String space) {
    String name = change.name().toLowerCase(Locale.ROOT);
    int seen = 0;
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).name().toLowerCase(Locale.ROOT).equals(name)) {
        seen++;
        // Index 0 is treated as 1, as Sendmail does.
        if (seen == Math.max(1, change.index())) {
          if (change.value().isEmpty()) {
            headers.remove(i);
          } else {
            headers.set(i, new Header(headers.get(i).name(), space + change.value()));
          }
          return;
        }
      }
    }
    if (!change.value().isEmpty()) {
      headers.add(new Header(change.name(), space + change.value()));
    }
  }

  // Bare LF and CRLF both become CRLF; a lone CR is kept.
  private static byte[] crlf(String text) {
    String normalized = text.replace("\r\n", "\n").replace("\n", "\r\n");
    return normalized.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MessageContent content
        && headers.equals(content.headers)
        && Arrays.equals(body, content.body);
  }

  @Override
  public int hashCode() {
    return 31 * headers.hashCode() + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "MessageContent[" + headers.size() + " headers, " + body.length + " body bytes]";
  }
}
