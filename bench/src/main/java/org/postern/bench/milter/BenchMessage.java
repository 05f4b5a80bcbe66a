package org.postern.bench.milter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.postern.milter.client.MessageContent;

/**
 * The synthetic message of a milter run: a few ordinary headers (the Message-ID unique per message)
 * and a body of 76-character lines filling it up to the requested size.
 */
final class BenchMessage {
  private static final int LINE_LENGTH = 76;

  private final int size;
  private final byte[] body;

  /** A message of about {@code size} bytes on the wire, headers and body together. */
  BenchMessage(int size) {
    this.size = size;
    int headerBytes = headerBytes(headers(0));
    this.body = body(Math.max(LINE_LENGTH + 2, size - headerBytes));
  }

  /** The headers of message {@code n}: name and value as the MTA sends them. */
  List<MessageContent.Header> headers(long n) {
    return List.of(
        new MessageContent.Header("Received", "from client.test (client.test [192.0.2.1])"),
        new MessageContent.Header("From", "Sender <sender@client.test>"),
        new MessageContent.Header("To", "Recipient <rcpt@example.test>"),
        new MessageContent.Header("Subject", "load test message"),
        new MessageContent.Header("Date", "Wed, 25 Nov 2026 17:00:00 +0000"),
        new MessageContent.Header("Message-ID", "<" + (10_000_000_000L + n) + "@client.test>"));
  }

  /** The body, CRLF lines; shared by every message (the client copies what it sends). */
  byte[] body() {
    return body;
  }

  /** The requested size. */
  int size() {
    return size;
  }

  private static int headerBytes(List<MessageContent.Header> headers) {
    int total = 2; // the empty line ending the headers
    for (MessageContent.Header header : headers) {
      total += header.name().length() + 2 + header.value().length() + 2;
    }
    return total;
  }

  private static byte[] body(int length) {
    byte[] bytes = new byte[length];
    byte[] line = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);
    int column = 0;
    for (int i = 0; i < length; i++) {
      if (i >= length - 2) {
        bytes[i] = i == length - 2 ? (byte) '\r' : (byte) '\n';
      } else if (column == LINE_LENGTH) {
        bytes[i] = '\r';
        column++;
      } else if (column == LINE_LENGTH + 1) {
        bytes[i] = '\n';
        column = 0;
      } else {
        bytes[i] = line[column % line.length];
        column++;
      }
    }
    return bytes;
  }

  @Override
  public String toString() {
    return "BenchMessage[size="
        + size
        + ", body="
        + body.length
        + ", "
        + Arrays.hashCode(body)
        + "]";
  }
}
