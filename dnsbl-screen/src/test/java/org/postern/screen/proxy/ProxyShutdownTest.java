package org.postern.screen.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postern.screen.proxy.ProxyFixture.readLine;
import static org.postern.screen.proxy.ProxyFixture.send;

import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProxyShutdownTest {

  @Test
  void theResolverClosesOnceTheLastClientHasGone() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "")) {
      Socket client = fixture.connect("127.0.0.7");
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("220 smtpd.test ESMTP Postfix");

      CompletableFuture<Void> stopped = fixture.proxy.shutdown();

      // Several drain polls later the spliced client is still there: nothing is closed.
      assertThat(
              fixture.resolverClosed.await(
                  4 * ScreenProxy.DRAIN_POLL.toMillis(), TimeUnit.MILLISECONDS))
          .isFalse();
      assertThat(stopped).isNotDone();

      client.close();

      assertThat(fixture.resolverClosed.await(10, TimeUnit.SECONDS)).isTrue();
      stopped.get(10, TimeUnit.SECONDS);
      assertThat(fixture.proxy.shutdown()).isSameAs(stopped);
    }
  }

  @Test
  void aClientInItsTestsAtShutdownFinishesThemAndIsHandedOff() throws Exception {
    try (ProxyFixture fixture =
            new ProxyFixture(Map.of("greet-wait", "1s"), "", Duration.ofSeconds(3));
        Socket client = fixture.connect("127.0.0.7")) {
      assertThat(readLine(client)).isEqualTo("220-ESMTP");

      CompletableFuture<Void> serverStopped = fixture.server.shutdown();
      CompletableFuture<Void> proxyStopped = fixture.proxy.shutdown();

      // The client in its greet wait passes and reaches smtpd.
      assertThat(readLine(client)).isEqualTo("220 smtpd.test ESMTP Postfix");
      assertThat(fixture.smtpd.xclients().poll(5, TimeUnit.SECONDS))
          .startsWith("XCLIENT ADDR=127.0.0.7 ");
      send(client, "EHLO client.test\r\n");
      assertThat(readLine(client)).isEqualTo("250 echo EHLO client.test");
      assertThat(serverStopped).isNotDone();
      assertThat(proxyStopped).isNotDone();

      // At the grace deadline the spliced session is closed, then the proxy closes its resolver.
      assertThat(readLine(client)).isNull();
      serverStopped.get(10, TimeUnit.SECONDS);
      assertThat(fixture.resolverClosed.await(10, TimeUnit.SECONDS)).isTrue();
      proxyStopped.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSplicedSessionRunsUntilTheGraceDeadline() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "", Duration.ofSeconds(2));
        Socket client = fixture.connect("127.0.0.7")) {
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("220 smtpd.test ESMTP Postfix");

      long shutdownAt = System.nanoTime();
      CompletableFuture<Void> serverStopped = fixture.server.shutdown();

      send(client, "MAIL FROM:<a@client.test>\r\n");
      assertThat(readLine(client)).isEqualTo("250 echo MAIL FROM:<a@client.test>");
      assertThat(serverStopped).isNotDone();
      assertThat(readLine(client)).isNull();
      // Closed by the deadline (2 s after shutdown began), not as soon as the server drained.
      assertThat(Duration.ofNanos(System.nanoTime() - shutdownAt))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      serverStopped.get(10, TimeUnit.SECONDS);
      fixture.awaitNoConnections();
    }
  }
}
