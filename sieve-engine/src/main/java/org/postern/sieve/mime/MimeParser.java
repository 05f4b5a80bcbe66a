package org.postern.sieve.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.postern.sieve.message.SieveMessage;

/**
 * Splits a message into its MIME part tree. Lenient like a mail reader: a missing close delimiter
 * ends the multipart at the end of the data; nesting deeper than {@link #MAX_DEPTH} is kept as an
 * opaque leaf so a hostile message cannot exhaust the stack.
 */
public final class MimeParser {

  /** Deepest nesting of multiparts and messages that is parsed. */
  public static final int MAX_DEPTH = 32;

  private MimeParser() {}

  /** The part tree of {@code message}; its root carries the message's own header. */
  public static MimePart parse(SieveMessage message) {
    return part(message, ContentType.TEXT_PLAIN, 0);
  }

  private static MimePart part(SieveMessage message, ContentType fallback, int depth) {
    List<String> types = message.rawHeaders("Content-Type");
    ContentType type = ContentType.parse(types.isEmpty() ? null : types.get(0), fallback);
    byte[] body = message.body();
    if (depth >= MAX_DEPTH) {
      return new MimePart(message.headers(), type, body, List.of());
    }
    if (type.type().equals("multipart")) {
      String boundary = type.parameters().get("boundary");
      if (boundary != null && !boundary.isEmpty()) {
        return multipart(message, type, body, boundary, depth);
      }
    }
    if (type.mediaType().equals("message/rfc822")) {
      SieveMessage inner = SieveMessage.parse(body);
      return new MimePart(
          message.headers(), type, body, List.of(part(inner, ContentType.TEXT_PLAIN, depth + 1)));
    }
    return new MimePart(message.headers(), type, body, List.of());
  }

  private static MimePart multipart(
      SieveMessage message, ContentType type, byte[] body, String boundary, int depth) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    ContentType childDefault =
        type.subtype().equals("digest") ? ContentType.MESSAGE_RFC822 : ContentType.TEXT_PLAIN;
    List<MimePart> children = new ArrayList<>();
    StringBuilder outside = new StringBuilder();
    int position = 0;
    int partStart = -1;
    boolean closed = false;
    while (position <= text.length()) {
      int lineEnd = text.indexOf('\n', position);
      int next = lineEnd < 0 ? text.length() : lineEnd + 1;
      String line = text.substring(position, lineEnd < 0 ? text.length() : lineEnd);
      String stripped = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      boolean isDelimiter = stripped.startsWith(delimiter);
      if (isDelimiter) {
        String rest = stripped.substring(delimiter.length());
        boolean close = rest.startsWith("--");
        if (!(close ? rest.substring(2) : rest).isBlank()) {
          isDelimiter = false;
        } else {
          if (partStart >= 0) {
            children.add(child(text, partStart, position, childDefault, depth));
          } else {
            outside.append(text, 0, trimLineBreak(text, position));
          }
          if (close) {
            if (outside.length() > 0 && next < text.length()) {
              outside.append("\r\n");
            }
            outside.append(text, Math.min(next, text.length()), text.length());
            closed = true;
            break;
          }
          partStart = next;
        }
      }
      if (lineEnd < 0) {
        break;
      }
      position = next;
    }
    if (!closed) {
      if (partStart >= 0) {
        children.add(child(text, partStart, text.length(), childDefault, depth));
      } else {
        outside.append(text);
      }
    }
    return new MimePart(
        message.headers(),
        type,
        outside.toString().getBytes(StandardCharsets.ISO_8859_1),
        children);
  }

  private static MimePart child(
      String text, int start, int delimiterStart, ContentType fallback, int depth) {
    int end = Math.max(start, trimLineBreak(text, delimiterStart));
    byte[] bytes = text.substring(Math.min(start, end), end).getBytes(StandardCharsets.ISO_8859_1);
    // A part without header fields starts with its blank line and gets the default type.
    return part(SieveMessage.parse(bytes), fallback, depth + 1);
  }

  /** The delimiter's preceding line break belongs to the delimiter (RFC 2046 5.1.1). */
  private static int trimLineBreak(String text, int position) {
    int end = position;
    if (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && text.charAt(end - 1) == '\r') {
        end--;
      }
    }
    return end;
  }
}
