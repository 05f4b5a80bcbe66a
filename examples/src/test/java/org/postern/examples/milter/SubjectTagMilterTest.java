package org.postern.examples.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.milter.client.MessageContent;
import org.postern.milter.client.MilterClient;
import org.postern.milter.client.MilterClientFactory;
import org.postern.milter.client.MilterResult;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

class SubjectTagMilterTest {
  private DaemonServer server;
  private MilterClientFactory factory;
  private MilterClient client;

  @BeforeEach
  void start() throws Exception {
    server =
        SubjectTagMilter.server(
            ListenAddress.parse("inet:127.0.0.1:0"), Set.of("alice@partner.test"));
    server.start();
    factory =
        MilterClientFactory.builder(server.boundAddresses().get(0))
            .commandTimeout(Duration.ofSeconds(10))
            .build();
    client = factory.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    client.quit().toCompletableFuture().get(10, TimeUnit.SECONDS);
    factory.close();
    server.shutdown().get(10, TimeUnit.SECONDS);
    server.close();
  }

  private MilterResult send(String sender, String recipient, String message) throws Exception {
    client.connect("client.test", AddressFamily.INET, "192.0.2.1", 40000);
    client.helo("client.test");
    client.mail(sender, List.of());
    client.rcpt(recipient, List.of());
    client.data();
    MilterResult result =
        client
            .content(MessageContent.parse(message.getBytes(StandardCharsets.ISO_8859_1)))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    client.reset();
    return result;
  }

  @Test
  void tagsTheSubjectOfListedSendersOnly() throws Exception {
    MilterResult listed =
        send("<Alice@Partner.test>", "<bob@example.test>", "Subject: hello\r\n\r\nhi\r\n");
    assertThat(listed.verdict()).isEqualTo(new Verdict.Continue());
    assertThat(listed.modifications())
        .containsExactly(new MessageModification.ChangeHeader(1, "Subject", "[external] hello"));

    // The same connection again (QUIT_NC), now from someone not listed.
    MilterResult other =
        send("<carol@example.test>", "<bob@example.test>", "Subject: hello\r\n\r\nhi\r\n");
    assertThat(other.verdict()).isEqualTo(new Verdict.Continue());
    assertThat(other.modifications()).isEmpty();
  }

  @Test
  void leavesAlreadyTaggedSubjectsAlone() throws Exception {
    MilterResult result =
        send(
            "<alice@partner.test>",
            "<bob@example.test>",
            "Subject: [external] re: hello\r\n\r\nhi\r\n");
    assertThat(result.modifications()).isEmpty();
  }

  @Test
  void refusesTheBlackholeRecipient() throws Exception {
    client.connect("client.test", AddressFamily.INET, "192.0.2.1", 40000);
    client.helo("client.test");
    client.mail("<alice@partner.test>", List.of());
    Verdict verdict =
        client
            .rcpt("<blackhole@example.test>", List.of())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(verdict).isInstanceOf(ReplyCode.class);
    assertThat(((ReplyCode) verdict).smtpCode()).isEqualTo(550);
    Verdict next =
        client
            .rcpt("<bob@example.test>", List.of())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(next).isEqualTo(new Verdict.Continue());
  }
}
