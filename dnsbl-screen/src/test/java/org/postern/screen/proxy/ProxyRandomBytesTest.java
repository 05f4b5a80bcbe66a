package org.postern.screen.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever a client sends, the proxy neither fails nor keeps counting a closed connection. */
class ProxyRandomBytesTest {
  private static ProxyFixture fixture;

  @BeforeContainer
  static void start() throws IOException {
    fixture =
        new ProxyFixture(
            Map.of(
                "greet-wait", "50ms",
                "pregreet-action", "ignore",
                "pipelining-enable", "true",
                "non-smtp-command-enable", "true",
                "non-smtp-command-action", "enforce",
                "bare-newline-enable", "true",
                "max-line-length", "512"),
            "");
  }

  @AfterContainer
  static void stop() throws IOException {
    fixture.close();
  }

  @Provide
  Arbitrary<List<byte[]>> chunks() {
    Arbitrary<byte[]> smtpish =
        Arbitraries.of(
                "EHLO x\r\n",
                "HELO x\n",
                "MAIL FROM:<a@b>\r\n",
                "RCPT TO:<c@d>\r\n",
                "DATA\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                "QUIT\r\n",
                "\r\n")
            .map(String::getBytes);
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(700);
    return Arbitraries.oneOf(smtpish, random).list().ofMaxSize(6);
  }

  @Property(tries = 60)
  void randomClientBytesLeaveNoConnectionBehind(
      @ForAll("chunks") List<byte[]> chunks, @ForAll boolean waitForGreeting) throws Exception {
    try (Socket client = fixture.connect("127.0.0." + (10 + (chunks.size() % 5)))) {
      if (waitForGreeting) {
        assertThat(ProxyFixture.readLine(client)).startsWith("220");
      }
      for (byte[] chunk : chunks) {
        client.getOutputStream().write(chunk);
        client.getOutputStream().flush();
      }
      client.shutdownOutput();
      // Drain until the proxy (or smtpd behind it) closes or the read times out.
      while (client.getInputStream().read() >= 0) {
        // discard
      }
    } catch (SocketException reset) {
      // The proxy may hang up while the client still writes.
    } catch (java.net.SocketTimeoutException stillOpen) {
      // An idle dialogue stays open until the client leaves, which closing does.
    }
    fixture.awaitNoConnections();
  }
}
