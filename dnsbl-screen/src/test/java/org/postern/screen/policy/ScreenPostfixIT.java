package org.postern.screen.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigFile;
import org.postern.common.server.DaemonServer;
import org.postern.common.stats.StatsRegistry;
import org.postern.screen.Rbldnsd;
import org.postern.screen.ScreenService;
import org.postern.screen.ScreenSettings;
import org.postern.testing.CapturingSmtpSink;
import org.postern.testing.FreePorts;
import org.postern.testing.Peers;
import org.postern.testing.PrivatePostfix;
import org.postern.testing.Swaks;
import org.postern.testing.SwaksResult;

/**
 * Real Postfix asks the screen through check_policy_service in smtpd_client_restrictions; rbldnsd
 * lists 127.0.0.5, and swaks connects from 127.0.0.5 or 127.0.0.1 (all of 127/8 is loopback).
 */
class ScreenPostfixIT {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  private static SwaksResult send(PrivatePostfix postfix, String from, String subject) {
    return Swaks.builder()
        .port(postfix.smtpPort())
        .from("alice@example.test")
        .to("bob@remote.test")
        .header("Subject", subject)
        .body("screened")
        .arguments("--local-interface", from)
        .run();
  }

  @Test
  void aListedClientIsRefusedNamingTheListAndAnUnlistedOneIsDelivered() throws Exception {
    Peers.require("postfix");
    Peers.require("swaks");
    int port = FreePorts.allocate();
    try (Rbldnsd rbldnsd =
        Rbldnsd.start(Map.of("zen.test", "ip4set|:127.0.0.2:listed\n127.0.0.5\n"))) {
      ScreenSettings settings =
          ConfigFile.empty()
              .section(
                  "screen",
                  ScreenSettings.class,
                  Map.of(
                      "dnsbl-sites", "zen.test=127.0.0.[2..11]*3",
                      "dns-servers", rbldnsd.server(),
                      "dnsbl-timeout", "2s"));
      ScreenService service =
          ScreenService.start(settings, Clock.systemUTC(), new StatsRegistry().service("screen"));
      DaemonServer server =
          DaemonServer.builder("screen")
              .addresses(List.of(ListenAddress.parse("inet:127.0.0.1:" + port)))
              .childHandler(service.channelInitializer())
              .build();
      server.start();
      try (server;
          CapturingSmtpSink sink = CapturingSmtpSink.start();
          PrivatePostfix postfix =
              PrivatePostfix.builder()
                  .relayDomain("remote.test", sink.port())
                  .mainCf(
                      "smtpd_client_restrictions", "check_policy_service inet:127.0.0.1:" + port)
                  .start()) {
        SwaksResult listed = send(postfix, "127.0.0.5", "listed " + UUID.randomUUID());
        assertThat(listed.succeeded()).as(listed.output()).isFalse();
        assertThat(listed.output())
            // Postfix puts "<unknown[127.0.0.5]>: Client host rejected: " before the policy's text.
            .contains("554 5.7.1 <unknown[127.0.0.5]>: Client host rejected:")
            .contains("Service unavailable; client [127.0.0.5] blocked using zen.test");

        String subject = "clean " + UUID.randomUUID();
        SwaksResult clean = send(postfix, "127.0.0.1", subject);
        assertThat(clean.succeeded()).as(clean.output()).isTrue();
        sink.awaitMessage(m -> m.header("Subject").orElse("").equals(subject), DELIVERY_TIMEOUT);
      } finally {
        service.shutdown();
      }
    }
  }
}
