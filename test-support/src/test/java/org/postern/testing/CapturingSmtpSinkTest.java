package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CapturingSmtpSinkTest {

  private CapturingSmtpSink sink;

  @AfterEach
  void stopSink() {
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void capturesEnvelopeAndDotUnstuffedData() throws IOException {
    sink = CapturingSmtpSink.start();
    try (SmtpClient client = new SmtpClient(sink.port())) {
      assertThat(client.reply()).startsWith("220 ");
      assertThat(client.command("EHLO client.example.test"))
          .endsWith("250 ENHANCEDSTATUSCODES")
          .contains("250-8BITMIME");
      assertThat(client.command("MAIL FROM:<alice@example.test> SIZE=100")).startsWith("250 ");
      assertThat(client.command("RCPT TO:<bob@remote.test>")).startsWith("250 ");
      assertThat(client.command("RCPT TO:<carol@remote.test> NOTIFY=NEVER")).startsWith("250 ");
      assertThat(client.command("DATA")).startsWith("354 ");
      client.send(
          "Subject: dots\r\n\r\n..leading dot\r\n...\r\nmiddle . dot\r\n.\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      assertThat(client.reply()).startsWith("250 2.0.0 Ok: queued as ");
      assertThat(client.command("QUIT")).startsWith("221 ");
    }

    assertThat(sink.messages()).hasSize(1);
    CapturedMessage message = sink.messages().get(0);
    assertThat(message.envelopeSender()).isEqualTo("alice@example.test");
    assertThat(message.recipients()).containsExactly("bob@remote.test", "carol@remote.test");
    assertThat(message.heloName()).isEqualTo("client.example.test");
    assertThat(message.text())
        .isEqualTo("Subject: dots\r\n\r\n.leading dot\r\n..\r\nmiddle . dot\r\n");
    assertThat(message.header("Subject")).contains("dots");
  }

  @Test
  void rejectsCommandsOutOfOrder() throws IOException {
    sink = CapturingSmtpSink.start();
    try (SmtpClient client = new SmtpClient(sink.port())) {
      client.reply();
      assertThat(client.command("HELO client")).startsWith("250 ");
      assertThat(client.command("RCPT TO:<bob@remote.test>")).startsWith("503 ");
      assertThat(client.command("DATA")).startsWith("503 ");
      assertThat(client.command("MAIL FROM:<>")).startsWith("250 ");
      assertThat(client.command("MAIL FROM:<>")).startsWith("503 ");
      assertThat(client.command("DATA")).startsWith("554 ");
      assertThat(client.command("MAIL FROM bad")).startsWith("503 ");
      assertThat(client.command("RSET")).startsWith("250 ");
      assertThat(client.command("MAIL FROM bad")).startsWith("501 ");
      assertThat(client.command("VRFY bob")).startsWith("502 ");
      assertThat(client.command("NOOP")).startsWith("250 ");
    }
    assertThat(sink.messages()).isEmpty();
  }

  @Test
  void rsetDiscardsTheTransactionAndNullSenderIsKept() throws IOException {
    sink = CapturingSmtpSink.start();
    try (SmtpClient client = new SmtpClient(sink.port())) {
      client.reply();
      client.command("EHLO client");
      client.command("MAIL FROM:<first@example.test>");
      client.command("RCPT TO:<dropped@remote.test>");
      assertThat(client.command("RSET")).startsWith("250 ");
      client.command("MAIL FROM:<>");
      client.command("RCPT TO:<kept@remote.test>");
      client.command("DATA");
      client.send("Subject: bounce\r\n\r\nbody\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(client.reply()).startsWith("250 ");
    }

    CapturedMessage message = sink.awaitMessage(m -> true, Duration.ofSeconds(5));
    assertThat(message.envelopeSender()).isEmpty();
    assertThat(message.recipients()).containsExactly("kept@remote.test");
  }

  @Test
  void rejectsRecipientsMatchingThePredicate() throws IOException {
    sink = CapturingSmtpSink.startRejecting(recipient -> recipient.startsWith("nobody@"));
    try (SmtpClient client = new SmtpClient(sink.port())) {
      client.reply();
      client.command("EHLO client");
      client.command("MAIL FROM:<a@example.test>");
      assertThat(client.command("RCPT TO:<nobody@remote.test>")).startsWith("550 ");
      assertThat(client.command("RCPT TO:<somebody@remote.test>")).startsWith("250 ");
    }
  }

  @Test
  void awaitMessageWaitsForALaterDelivery() throws Exception {
    sink = CapturingSmtpSink.start();
    Thread sender =
        new Thread(
            () -> {
              try (SmtpClient client = new SmtpClient(sink.port())) {
                Thread.sleep(300);
                client.reply();
                client.command("HELO client");
                client.command("MAIL FROM:<a@example.test>");
                client.command("RCPT TO:<late@remote.test>");
                client.command("DATA");
                client.send("Subject: late\r\n\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
                client.reply();
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    sender.start();

    CapturedMessage message =
        sink.awaitMessage(m -> m.recipients().contains("late@remote.test"), Duration.ofSeconds(10));
    sender.join();

    assertThat(message.header("Subject")).contains("late");
  }

  @Test
  void awaitMessageFailsWithWhatWasCaptured() {
    sink = CapturingSmtpSink.start();

    assertThatThrownBy(() -> sink.awaitMessage(m -> true, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no matching message")
        .hasMessageContaining(Integer.toString(sink.port()));
  }

  @Test
  void pathArgumentIgnoresParametersAndRejectsMissingBrackets() {
    assertThat(SmtpSinkSession.pathArgument("FROM:<a@b> SIZE=10", "FROM:")).isEqualTo("a@b");
    assertThat(SmtpSinkSession.pathArgument("from: <a@b>", "FROM:")).isEqualTo("a@b");
    assertThat(SmtpSinkSession.pathArgument("FROM:a@b", "FROM:")).isNull();
    assertThat(SmtpSinkSession.pathArgument("TO:<a@b>", "FROM:")).isNull();
    assertThat(SmtpSinkSession.pathArgument("FROM:<a@b", "FROM:")).isNull();
  }

  /** A minimal blocking SMTP client for talking to the sink line by line. */
  private static final class SmtpClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpClient(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      out = socket.getOutputStream();
    }

    /** A whole (possibly multi-line) reply, lines joined with \n. */
    String reply() throws IOException {
      List<String> lines = new ArrayList<>();
      String line;
      do {
        line = in.readLine();
        if (line == null) {
          throw new IOException("connection closed after " + lines);
        }
        lines.add(line);
      } while (line.length() > 3 && line.charAt(3) == '-');
      return String.join("\n", lines);
    }

    String command(String command) throws IOException {
      send((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      return reply();
    }

    void send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
