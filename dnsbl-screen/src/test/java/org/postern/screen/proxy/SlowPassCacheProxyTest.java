package org.postern.screen.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postern.screen.proxy.ProxyFixture.readLine;
import static org.postern.screen.proxy.ProxyFixture.send;

import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postern.screen.address.ClientAddress;
import org.postern.screen.pass.EmbeddedPassCache;
import org.postern.screen.pass.PassCache;

/** The proxy with pass caches that answer later, on another thread, as Redis does. */
class SlowPassCacheProxyTest {

  /** Answers each lookup 150 ms later from another thread. */
  private static final class SlowPassCache implements PassCache {
    private final EmbeddedPassCache passes = new EmbeddedPassCache(100, System::nanoTime);

    @Override
    public CompletionStage<Boolean> passed(ClientAddress client) {
      return passes
          .passed(client)
          .thenCompose(
              passed ->
                  CompletableFuture.supplyAsync(
                      () -> passed, CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS)));
    }

    @Override
    public void pass(ClientAddress client, Duration ttl) {
      passes.pass(client, ttl);
    }
  }

  @Test
  void aPassFoundLaterIsStillHandedOffAtOnce() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "", SlowPassCache::new)) {
      try (Socket first = fixture.connect("127.0.0.7")) {
        assertThat(readLine(first)).isEqualTo("220-ESMTP");
        assertThat(readLine(first)).isEqualTo("220 smtpd.test ESMTP Postfix");
      }
      try (Socket second = fixture.connect("127.0.0.7")) {
        assertThat(readLine(second)).isEqualTo("220 smtpd.test ESMTP Postfix");
        send(second, "EHLO client.test\r\n");
        assertThat(readLine(second)).isEqualTo("250 echo EHLO client.test");
      }
    }
  }

  @Test
  void talkingWhileTheCachesAnswerIsPregreeting() throws Exception {
    try (ProxyFixture fixture =
            new ProxyFixture(Map.of("pregreet-action", "drop"), "", SlowPassCache::new);
        Socket client = fixture.connect("127.0.0.8")) {
      send(client, "EHLO early.test\r\n");
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("521 5.5.1 Protocol error");
      assertThat(fixture.smtpd.xclients()).isEmpty();
    }
  }

  @Test
  void bytesSentWhileTheCachesAnswerReachSmtpdAfterAHandoff() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "", SlowPassCache::new)) {
      try (Socket first = fixture.connect("127.0.0.9")) {
        assertThat(readLine(first)).isEqualTo("220-ESMTP");
        assertThat(readLine(first)).isEqualTo("220 smtpd.test ESMTP Postfix");
      }
      try (Socket second = fixture.connect("127.0.0.9")) {
        send(second, "EHLO quick.test\r\n");
        assertThat(readLine(second)).isEqualTo("220 smtpd.test ESMTP Postfix");
        assertThat(readLine(second)).isEqualTo("250 echo EHLO quick.test");
      }
    }
  }
}
