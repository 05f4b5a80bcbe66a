package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigFile;
import org.postern.common.server.DaemonServer;
import org.postern.common.stats.StatsRegistry;
import org.postern.testing.CapturingSmtpSink;
import org.postern.testing.FreePorts;
import org.postern.testing.Peers;
import org.postern.testing.PrivatePostfix;
import org.postern.testing.Swaks;
import org.postern.testing.SwaksResult;

/** Real Postfix asks our policy server in-process; swaks plays the sending MTA retrying. */
class GreylistPostfixIT {
  private static final Duration DELAY = Duration.ofSeconds(2);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path directory;

  /** A running greylist service and the policy server in front of it. */
  private record Running(GreylistService service, DaemonServer server) implements AutoCloseable {
    String storeFile() {
      return service.storeDescription();
    }

    @Override
    public void close() {
      server.close();
      service.close();
    }
  }

  private Running startPolicy(int port, Map<String, String> extra) throws Exception {
    Map<String, String> options = new HashMap<>(extra);
    options.put("delay", DELAY.toSeconds() + "s");
    options.put("store", "file:greylist.db");
    options.put("default-client-whitelist", "false");
    GreylistSettings settings =
        ConfigFile.empty().section("greylist", GreylistSettings.class, options);
    GreylistService service =
        GreylistService.start(
            settings, directory, Clock.systemUTC(), new StatsRegistry().service("greylist"));
    DaemonServer server =
        DaemonServer.builder("greylist")
            .addresses(List.of(ListenAddress.parse("inet:127.0.0.1:" + port)))
            .childHandler(service.channelInitializer())
            .build();
    server.start();
    return new Running(service, server);
  }

  private static PrivatePostfix postfix(CapturingSmtpSink sink, int policyPort) {
    return PrivatePostfix.builder()
        .relayDomain("remote.test", sink.port())
        .mainCf(
            "smtpd_recipient_restrictions",
            "check_policy_service inet:127.0.0.1:"
                + policyPort
                + ", permit_mynetworks, reject_unauth_destination")
        .start();
  }

  private static SwaksResult send(PrivatePostfix postfix, String subject) {
    return Swaks.builder()
        .port(postfix.smtpPort())
        .from("alice@example.test")
        .to("bob@remote.test")
        .header("Subject", subject)
        .body("greylisted once")
        .run();
  }

  @Test
  void theFirstAttemptIsDeferredAndARetryAfterTheDelayIsDelivered() throws Exception {
    Peers.require("postfix");
    int port = FreePorts.allocate();
    String subject = "greylist " + UUID.randomUUID();
    try (Running policy = startPolicy(port, Map.of());
        CapturingSmtpSink sink = CapturingSmtpSink.start();
        PrivatePostfix postfix = postfix(sink, port)) {
      assertThat(policy.storeFile()).isEqualTo("file:" + directory.resolve("greylist.db"));

      SwaksResult first = send(postfix, subject);
      assertThat(first.succeeded()).as(first.output()).isFalse();
      assertThat(first.output()).contains("450 4.7.1").contains("Greylisted");

      Thread.sleep(DELAY.plusMillis(500).toMillis());
      SwaksResult retry = send(postfix, subject);
      assertThat(retry.succeeded()).as(retry.output()).isTrue();
      sink.awaitMessage(m -> m.header("Subject").orElse("").equals(subject), DELIVERY_TIMEOUT);
    }
  }

  @Test
  void aWhitelistedClientIsNeverDeferred() throws Exception {
    Peers.require("postfix");
    Path whitelist = directory.resolve("clients");
    Files.writeString(whitelist, "# the test's swaks\n127.0.0.0/8\n");
    int port = FreePorts.allocate();
    String subject = "whitelisted " + UUID.randomUUID();
    try (Running policy = startPolicy(port, Map.of("whitelist-clients", whitelist.toString()));
        CapturingSmtpSink sink = CapturingSmtpSink.start();
        PrivatePostfix postfix = postfix(sink, port)) {
      assertThat(policy.storeFile()).isEqualTo("file:" + directory.resolve("greylist.db"));

      SwaksResult sent = send(postfix, subject);

      assertThat(sent.succeeded()).as(sent.output()).isTrue();
      sink.awaitMessage(m -> m.header("Subject").orElse("").equals(subject), DELIVERY_TIMEOUT);
    }
  }

  @Test
  void aRestartBetweenTheAttemptsKeepsTheState() throws Exception {
    Peers.require("postfix");
    int port = FreePorts.allocate();
    String subject = "restart " + UUID.randomUUID();
    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        PrivatePostfix postfix = postfix(sink, port)) {
      try (Running policy = startPolicy(port, Map.of())) {
        assertThat(policy.storeFile()).isEqualTo("file:" + directory.resolve("greylist.db"));
        SwaksResult first = send(postfix, subject);
        assertThat(first.output()).contains("450 4.7.1");
      }
      assertThat(directory.resolve("greylist.db")).exists();
      Thread.sleep(DELAY.plusMillis(500).toMillis());
      try (Running policy = startPolicy(port, Map.of())) {
        assertThat(policy.storeFile()).isEqualTo("file:" + directory.resolve("greylist.db"));
        SwaksResult retry = send(postfix, subject);
        assertThat(retry.succeeded()).as(retry.output()).isTrue();
        sink.awaitMessage(m -> m.header("Subject").orElse("").equals(subject), DELIVERY_TIMEOUT);
      }
    }
  }
}
