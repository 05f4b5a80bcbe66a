package org.postern.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One SMTP conversation of {@link CapturingSmtpSink}, run on a worker thread. */
final class SmtpSinkSession {

  private static final int IDLE_TIMEOUT_MILLIS = 120_000;
  private static final int MAX_LINE_BYTES = 1 << 20;
  private static final String HOSTNAME = "sink.remote.test";

  private final CapturingSmtpSink sink;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private String heloName = "";
  private String sender;
  private final List<String> recipients = new ArrayList<>();

  SmtpSinkSession(CapturingSmtpSink sink, Socket socket) throws IOException {
    this.sink = sink;
    this.socket = socket;
    socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  void run() throws IOException {
    reply("220 " + HOSTNAME + " ESMTP postern test sink");
    while (!socket.isClosed()) {
      byte[] raw = readLine();
      if (raw == null) {
        return;
      }
      String line = new String(raw, StandardCharsets.UTF_8);
      int space = line.indexOf(' ');
      String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
      String argument = space < 0 ? "" : line.substring(space + 1).strip();
      if (!handle(verb, argument)) {
        return;
      }
    }
  }

  /** Answers one command; false when the conversation is over. */
  private boolean handle(String verb, String argument) throws IOException {
    switch (verb) {
      case "EHLO":
        heloName = argument;
        resetTransaction();
        reply("250-" + HOSTNAME, "250-8BITMIME", "250-SIZE 104857600", "250 ENHANCEDSTATUSCODES");
        return true;
      case "HELO":
        heloName = argument;
        resetTransaction();
        reply("250 " + HOSTNAME);
        return true;
      case "MAIL":
        mail(argument);
        return true;
      case "RCPT":
        rcpt(argument);
        return true;
      case "DATA":
        return data();
      case "RSET":
        resetTransaction();
        reply("250 2.0.0 Ok");
        return true;
      case "NOOP":
        reply("250 2.0.0 Ok");
        return true;
      case "QUIT":
        reply("221 2.0.0 Bye");
        return false;
      default:
        reply("502 5.5.2 Error: command not recognized");
        return true;
    }
  }

  private void mail(String argument) throws IOException {
    if (sender != null) {
      reply("503 5.5.1 Error: nested MAIL command");
      return;
    }
    String address = pathArgument(argument, "FROM:");
    if (address == null) {
      reply("501 5.5.4 Syntax: MAIL FROM:<address>");
      return;
    }
    sender = address;
    reply("250 2.1.0 Ok");
  }

  private void rcpt(String argument) throws IOException {
    if (sender == null) {
      reply("503 5.5.1 Error: need MAIL command");
      return;
    }
    String address = pathArgument(argument, "TO:");
    if (address == null || address.isEmpty()) {
      reply("501 5.5.4 Syntax: RCPT TO:<address>");
      return;
    }
    if (sink.rejects(address)) {
      reply("550 5.1.1 <" + address + ">: Recipient address rejected by the test sink");
      return;
    }
    recipients.add(address);
    reply("250 2.1.5 Ok");
  }

  private boolean data() throws IOException {
    if (sender == null) {
      reply("503 5.5.1 Error: need MAIL command");
      return true;
    }
    if (recipients.isEmpty()) {
      reply("554 5.5.1 Error: no valid recipients");
      return true;
    }
    reply("354 End data with <CR><LF>.<CR><LF>");
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      byte[] line = readLine();
      if (line == null) {
        return false;
      }
      if (line.length == 1 && line[0] == '.') {
        break;
      }
      // Dot-unstuffing (RFC 5321 4.5.2): a leading dot was doubled by the client.
      int start = line.length > 0 && line[0] == '.' ? 1 : 0;
      message.write(line, start, line.length - start);
      message.write('\r');
      message.write('\n');
    }
    String queueId =
        sink.store(new CapturedMessage(sender, recipients, heloName, message.toByteArray()));
    resetTransaction();
    reply("250 2.0.0 Ok: queued as " + queueId);
    return true;
  }

  private void resetTransaction() {
    sender = null;
    recipients.clear();
  }

  /**
   * The address inside {@code <...>} after the given keyword, ignoring ESMTP parameters; null when
   * the argument does not have that shape.
   */
  static String pathArgument(String argument, String keyword) {
    if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
      return null;
    }
    String rest = argument.substring(keyword.length()).strip();
    if (!rest.startsWith("<")) {
      return null;
    }
    int close = rest.indexOf('>');
    return close < 0 ? null : rest.substring(1, close);
  }

  /** A line without its CRLF (a bare LF also ends a line), or null at end of stream. */
  private byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int next = in.read();
      if (next < 0) {
        return null;
      }
      if (next == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        return Arrays.copyOf(bytes, length);
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(next);
    }
  }

  private void reply(String... lines) throws IOException {
    StringBuilder burst = new StringBuilder();
    for (String line : lines) {
      burst.append(line).append("\r\n");
    }
    out.write(burst.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
