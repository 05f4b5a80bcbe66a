package org.postern.screen.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postern.screen.proxy.ProxyFixture.readLine;

import java.net.Socket;
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
}
