package org.postern.screen.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postern.screen.proxy.ProxyFixture.readLine;
import static org.postern.screen.proxy.ProxyFixture.send;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScreenProxyTest {

  @Test
  void aCleanClientSeesTheTeaserThenSmtpdsGreetingAndSmtpdLearnsItsAddress() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "");
        Socket client = fixture.connect("127.0.0.7")) {
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("220 smtpd.test ESMTP Postfix");
      assertThat(fixture.smtpd.xclients().poll(5, TimeUnit.SECONDS))
          .isEqualTo(
              "XCLIENT ADDR=127.0.0.7 PORT="
                  + client.getLocalPort()
                  + " NAME=[UNAVAILABLE] PROTO=SMTP");
      send(client, "EHLO client.test\r\nSTARTTLS\r\n");
      assertThat(readLine(client)).isEqualTo("250 echo EHLO client.test");
      assertThat(readLine(client)).isEqualTo("250 echo STARTTLS");
    }
  }

  @Test
  void aPassedClientIsHandedOffAtOnceOnItsNextConnection() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "")) {
      try (Socket first = fixture.connect("127.0.0.7")) {
        assertThat(readLine(first)).isEqualTo("220-ESMTP");
        assertThat(readLine(first)).isEqualTo("220 smtpd.test ESMTP Postfix");
      }
      try (Socket second = fixture.connect("127.0.0.7")) {
        assertThat(readLine(second)).isEqualTo("220 smtpd.test ESMTP Postfix");
      }
    }
  }

  @Test
  void aPregreetTalkerIsRefusedAtRcptWhenEnforced() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "");
        Socket client = fixture.connect("127.0.0.8")) {
      send(client, "EHLO early.test\r\n");
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("220 ESMTP");
      assertThat(readLine(client)).isEqualTo("250-ESMTP");
      assertThat(readLine(client)).isEqualTo("250-PIPELINING");
      assertThat(readLine(client)).isEqualTo("250 8BITMIME");
      send(client, "MAIL FROM:<a@early.test>\r\n");
      assertThat(readLine(client)).isEqualTo("250 2.1.0 Ok");
      send(client, "RCPT TO:<b@example.test>\r\n");
      assertThat(readLine(client)).isEqualTo("550 5.5.1 Protocol error");
      assertThat(fixture.smtpd.xclients()).isEmpty();
    }
  }

  @Test
  void aPregreetTalkerIsDroppedWhenSoConfigured() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of("pregreet-action", "drop"), "");
        Socket client = fixture.connect("127.0.0.8")) {
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      send(client, "EHLO early.test\r\n");
      assertThat(readLine(client)).isEqualTo("521 5.5.1 Protocol error");
      assertThat(readLine(client)).isNull();
      fixture.awaitNoConnections();
    }
  }

  @Test
  void anIgnoredPregreetIsPassedOnToSmtpd() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of("pregreet-action", "ignore"), "");
        Socket client = fixture.connect("127.0.0.8")) {
      send(client, "EHLO early.test\r\n");
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("220 smtpd.test ESMTP Postfix");
      assertThat(readLine(client)).isEqualTo("250 echo EHLO early.test");
    }
  }

  @Test
  void aListedClientIsDroppedNamingTheList() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of("proxy-dnsbl-action", "drop"), "");
        Socket client = fixture.connect("127.0.0.5")) {
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client))
          .isEqualTo("521 5.7.1 Service unavailable; client [127.0.0.5] blocked using zen.test");
      assertThat(readLine(client)).isNull();
    }
  }

  @Test
  void aListedClientIsRefusedAtRcptWhenEnforced() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "");
        Socket client = fixture.connect("127.0.0.5")) {
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("220 ESMTP");
      send(client, "HELO listed.test\r\n");
      assertThat(readLine(client)).isEqualTo("250 ESMTP");
      send(client, "MAIL FROM:<a@listed.test>\r\n");
      readLine(client);
      send(client, "RCPT TO:<b@example.test>\r\n");
      assertThat(readLine(client))
          .isEqualTo("550 5.7.1 Service unavailable; client [127.0.0.5] blocked using zen.test");
      send(client, "QUIT\r\n");
      assertThat(readLine(client)).isEqualTo("221 2.0.0 Bye");
      assertThat(readLine(client)).isNull();
    }
  }

  @Test
  void aPermittedNetworkSkipsEveryTest() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "127.0.0.0/29 permit\n");
        Socket client = fixture.connect("127.0.0.5")) {
      send(client, "EHLO early.test\r\n");
      assertThat(readLine(client)).isEqualTo("220 smtpd.test ESMTP Postfix");
      assertThat(readLine(client)).isEqualTo("250 echo EHLO early.test");
    }
  }

  @Test
  void aRejectedNetworkIsRefusedBeforeAnyGreeting() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of(), "127.0.0.9/32 reject\n");
        Socket client = fixture.connect("127.0.0.9")) {
      assertThat(readLine(client))
          .isEqualTo("521 5.7.1 Service unavailable; client [127.0.0.9] blocked by access list");
      assertThat(readLine(client)).isNull();
    }
  }

  @Test
  void overloadIsAnswered421() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of("max-connections", "1"), "");
        Socket first = fixture.connect("127.0.0.7")) {
      // The teaser shows the first connection is counted before the second arrives.
      assertThat(readLine(first)).isEqualTo("220-ESMTP");
      try (Socket second = fixture.connect("127.0.0.8")) {
        assertThat(readLine(second)).isEqualTo("421 4.3.2 Service currently unavailable");
        assertThat(readLine(second)).isNull();
      }
    }
  }

  @Test
  void tooManyConnectionsFromOneClientAreAnswered421() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of("max-connections-per-client", "1"), "");
        Socket first = fixture.connect("127.0.0.7")) {
      assertThat(readLine(first)).isEqualTo("220-ESMTP");
      try (Socket second = fixture.connect("127.0.0.7");
          Socket other = fixture.connect("127.0.0.8")) {
        assertThat(readLine(second)).startsWith("421 4.7.0");
        assertThat(readLine(other)).isEqualTo("220-ESMTP");
      }
    }
  }

  @Test
  void anHttpRequestAfterTheGreetingIsDroppedByTheNonSmtpTest() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of("non-smtp-command-enable", "true"), "");
        Socket client = fixture.connect("127.0.0.7")) {
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("220 ESMTP");
      send(client, "GET / HTTP/1.0\r\n");
      assertThat(readLine(client)).startsWith("521 5.7.0");
      assertThat(readLine(client)).isNull();
    }
  }

  @Test
  void aClientPassingTheDeepTestsIsToldToComeBackAndThenHandedOff() throws Exception {
    try (ProxyFixture fixture =
        new ProxyFixture(Map.of("pipelining-enable", "true", "bare-newline-enable", "true"), "")) {
      try (Socket client = fixture.connect("127.0.0.7")) {
        assertThat(readLine(client)).isEqualTo("220-ESMTP");
        assertThat(readLine(client)).isEqualTo("220 ESMTP");
        send(client, "EHLO good.test\r\n");
        assertThat(readLine(client)).isEqualTo("250-ESMTP");
        assertThat(readLine(client)).isEqualTo("250 8BITMIME");
        send(client, "MAIL FROM:<a@good.test>\r\n");
        assertThat(readLine(client)).isEqualTo("250 2.1.0 Ok");
        send(client, "RCPT TO:<b@example.test>\r\n");
        assertThat(readLine(client)).isEqualTo("450 4.3.2 Service currently unavailable");
      }
      try (Socket again = fixture.connect("127.0.0.7")) {
        assertThat(readLine(again)).isEqualTo("220 smtpd.test ESMTP Postfix");
      }
    }
  }

  @Test
  void pipeliningWithoutTheOfferIsEnforcedAtRcpt() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of("pipelining-enable", "true"), "");
        Socket client = fixture.connect("127.0.0.7")) {
      assertThat(readLine(client)).isEqualTo("220-ESMTP");
      assertThat(readLine(client)).isEqualTo("220 ESMTP");
      send(client, "HELO bot.test\r\nMAIL FROM:<a@bot.test>\r\nRCPT TO:<b@example.test>\r\n");
      assertThat(readLine(client)).isEqualTo("250 ESMTP");
      assertThat(readLine(client)).isEqualTo("250 2.1.0 Ok");
      assertThat(readLine(client)).isEqualTo("550 5.5.1 Protocol error");
    }
  }

  @Test
  void aBareNewlineIsEnforcedWhenConfigured() throws Exception {
    try (ProxyFixture fixture =
            new ProxyFixture(
                Map.of("bare-newline-enable", "true", "bare-newline-action", "enforce"), "");
        Socket client = fixture.connect("127.0.0.7")) {
      readLine(client);
      readLine(client);
      send(client, "HELO bot.test\n");
      assertThat(readLine(client)).isEqualTo("250 ESMTP");
      send(client, "MAIL FROM:<a@bot.test>\r\n");
      readLine(client);
      send(client, "RCPT TO:<b@example.test>\r\n");
      assertThat(readLine(client)).isEqualTo("550 5.5.1 Protocol error");
    }
  }

  @Test
  void anOverlongLineIsRefused() throws Exception {
    try (ProxyFixture fixture = new ProxyFixture(Map.of("pipelining-enable", "true"), "");
        Socket client = fixture.connect("127.0.0.7")) {
      readLine(client);
      readLine(client);
      send(client, "HELO " + "x".repeat(3000));
      assertThat(readLine(client)).isEqualTo("521 5.5.2 Error: line too long");
      assertThat(readLine(client)).isNull();
    }
  }

  @Test
  void anUnreachableSmtpdIsAnswered421() throws Exception {
    // A port bound but not listening refuses connections, and nothing else can take it meanwhile
    // (a closed listener's port could be reused by another process before the proxy connects).
    try (Socket reserved = new Socket()) {
      reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      String unreachable = "inet:127.0.0.1:" + reserved.getLocalPort();
      try (ProxyFixture fixture =
              new ProxyFixture(Map.of("smtpd", unreachable), "127.0.0.0/8 permit\n");
          Socket client = fixture.connect("127.0.0.7")) {
        assertThat(readLine(client)).isEqualTo("421 4.3.2 Service currently unavailable");
        assertThat(readLine(client)).isNull();
        fixture.awaitNoConnections();
      }
    }
  }
}
