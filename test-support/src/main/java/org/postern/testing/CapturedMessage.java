package org.postern.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One message accepted by {@link CapturingSmtpSink}: its envelope and its content exactly as sent
 * after the DATA command (dot-unstuffed, lines ending in CRLF).
 *
 * @param envelopeSender the MAIL FROM address without angle brackets ({@code ""} for null sender)
 * @param recipients the accepted RCPT TO addresses without angle brackets, in order
 * @param heloName the name the client gave in EHLO or HELO ({@code ""} when it gave none)
 * @param data the raw message: header, empty line, body
 */
public record CapturedMessage(
    String envelopeSender, List<String> recipients, String heloName, byte[] data) {

  /** Copies the mutable inputs so a captured message never changes. */
  public CapturedMessage {
    recipients = List.copyOf(recipients);
    data = data.clone();
  }

  /** The raw message; a copy, so callers may modify it. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The raw message decoded as UTF-8 (8-bit and SMTPUTF8 mail is mostly UTF-8). */
  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** The header section, up to but excluding the first empty line. */
  public String headerSection() {
    String text = text();
    int end = text.indexOf("\r\n\r\n");
    return end < 0 ? text : text.substring(0, end + 2);
  }

  /** The body, after the first empty line ({@code ""} when there is none). */
  public String body() {
    String text = text();
    int end = text.indexOf("\r\n\r\n");
    return end < 0 ? "" : text.substring(end + 4);
  }

  /** Every value of header {@code name} (case-insensitive), unfolded, without leading space. */
  public List<String> headers(String name) {
    String wanted = name.toLowerCase(Locale.ROOT) + ":";
    List<String> values = new ArrayList<>();
    StringBuilder current = null;
    for (String line : headerSection().split("\r\n")) {
      boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
      if (continuation) {
        if (current != null) {
          current.append(line);
        }
        continue;
      }
      if (current != null) {
        values.add(current.toString().strip());
        current = null;
      }
      if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
        current = new StringBuilder(line.substring(wanted.length()));
      }
    }
    if (current != null) {
      values.add(current.toString().strip());
    }
    return values;
  }

  /** The first value of header {@code name}, unfolded, if present. */
  public Optional<String> header(String name) {
    return headers(name).stream().findFirst();
  }

  /** A one-line description for assertion messages. */
  @Override
  public String toString() {
    return "CapturedMessage[from=<"
        + envelopeSender
        + ">, to="
        + recipients
        + ", subject="
        + header("Subject").orElse("(none)")
        + ", "
        + data.length
        + " bytes]";
  }
}
