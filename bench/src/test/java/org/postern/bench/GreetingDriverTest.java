package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;

class GreetingDriverTest {

  /** Greets every connection with {@code greeting} and hangs up. */
  private static ServerSocket greeter(String greeting) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread thread =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                  OutputStream out = client.getOutputStream();
                  out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException e) {
                  // closed by the test, or a client that reset
                }
              }
            });
    thread.setDaemon(true);
    thread.start();
    return server;
  }

  private static BenchReport run(ServerSocket server) throws Exception {
    return GreetingDriver.run(
        new BenchOptions(
            BenchProtocol.SMTP_GREETING,
            ListenAddress.parse("inet:127.0.0.1:" + server.getLocalPort()),
            1,
            1,
            Duration.ZERO,
            Duration.ofMillis(300),
            BenchOptions.DEFAULT_MAP));
  }

  @Test
  void aMultiLineGreetingEndingIn220SpaceCounts() throws Exception {
    try (ServerSocket server = greeter("220-teaser\r\n220 mx.example ESMTP\r\n")) {
      BenchReport report = run(server);
      assertThat(report.count(ReplyOutcome.GREETED)).isPositive();
      assertThat(report.errors()).isZero();
      assertThat(report.format()).contains("greetings");
    }
  }

  @Test
  void aRefusalIsAnError() throws Exception {
    try (ServerSocket server = greeter("554 5.7.1 go away\r\n")) {
      BenchReport report = run(server);
      assertThat(report.count(ReplyOutcome.GREETED)).isZero();
      assertThat(report.errors()).isPositive();
    }
  }
}
