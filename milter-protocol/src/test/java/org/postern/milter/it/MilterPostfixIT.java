package org.postern.milter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;
import org.postern.milter.builtin.AddHeaderHandler;
import org.postern.milter.builtin.LogHandler;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MessageModifier;
import org.postern.milter.handler.MilterChain;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;
import org.postern.testing.CapturedMessage;
import org.postern.testing.CapturingSmtpSink;
import org.postern.testing.FreePorts;
import org.postern.testing.Peers;
import org.postern.testing.PrivatePostfix;
import org.postern.testing.Swaks;
import org.postern.testing.SwaksResult;

/** Real Postfix 3.7 calling our milter over TCP and a unix socket, with swaks as the client. */
class MilterPostfixIT {
  private static final Duration DELIVERY = Duration.ofSeconds(60);

  @BeforeAll
  static void peers() {
    Peers.require("postfix");
    Peers.require("swaks");
    Peers.requireRoot();
  }

  /** Refuses recipients by local part and whole messages by subject, to show each verdict. */
  private static final class Refusing implements MilterHandler {
    private String subject = "";

    @Override
    public CompletionStage<Verdict> recipient(
        MilterContext context, MilterCommand.Recipient recipient) {
      if (recipient.recipient().startsWith("<reject-me@")) {
        return MilterHandler.answer(new Verdict.Reject());
      }
      if (recipient.recipient().startsWith("<tempfail-me@")) {
        return MilterHandler.answer(new Verdict.Tempfail());
      }
      return CONTINUE;
    }

    @Override
    public CompletionStage<Verdict> header(MilterContext context, MilterCommand.Header header) {
      if (header.name().equalsIgnoreCase("Subject")) {
        subject = header.value();
      }
      return CONTINUE;
    }

    @Override
    public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
      if (subject.contains("refuse politely")) {
        return MilterHandler.answer(ReplyCode.of(550, "5.7.1", "Postern says no", "not today"));
      }
      return CONTINUE;
    }
  }

  private static MilterHandler checkedChain() {
    return MilterChain.of(new Refusing(), new AddHeaderHandler("X-Postern-Checked", "yes"));
  }

  private static PrivatePostfix postfixWith(ListenAddress milter, CapturingSmtpSink sink) {
    return PrivatePostfix.builder()
        .relayDomain("remote.test", sink.port())
        .mainCf("smtpd_milters", milter.toString())
        .mainCf("non_smtpd_milters", milter.toString())
        .mainCf("milter_default_action", "tempfail")
        .mainCf("milter_protocol", "6")
        .mainCf("milter_connect_timeout", "5s")
        .start();
  }

  private static Swaks swaks(PrivatePostfix postfix, String id) {
    return Swaks.builder()
        .port(postfix.smtpPort())
        .from("sender@example.test")
        .header("Subject", "test " + id)
        .header("X-Test-Id", id);
  }

  private static void assertDeliveredWithHeader(CapturingSmtpSink sink, String id) {
    CapturedMessage message =
        sink.awaitMessage(m -> m.header("X-Test-Id").equals(java.util.Optional.of(id)), DELIVERY);
    assertThat(message.headers("X-Postern-Checked")).containsExactly("yes");
    // Without SMFIP_HDR_LEADSPC Postfix puts one space after the colon itself.
    assertThat(message.headerSection()).contains("\r\nX-Postern-Checked: yes\r\n");
  }

  @Test
  void mailThroughPostfixGetsTheHeaderOverTcp() {
    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        RunningMilter milter =
            RunningMilter.start(
                ListenAddress.parse("inet:127.0.0.1:0"), MilterPostfixIT::checkedChain);
        PrivatePostfix postfix = postfixWith(milter.address(), sink)) {
      SwaksResult result = swaks(postfix, "tcp-1").to("alice@remote.test").run();

      assertThat(result.succeeded()).as(result.output()).isTrue();
      assertDeliveredWithHeader(sink, "tcp-1");
    }
  }

  @Test
  void mailThroughPostfixGetsTheHeaderOverAUnixSocket() throws Exception {
    Path directory = Files.createTempDirectory("postern-milter-");
    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        RunningMilter milter =
            RunningMilter.start(
                new ListenAddress.Unix(directory.resolve("milter.sock")),
                MilterPostfixIT::checkedChain);
        PrivatePostfix postfix = postfixWith(milter.address(), sink)) {
      SwaksResult result = swaks(postfix, "unix-1").to("alice@remote.test").run();

      assertThat(result.succeeded()).as(result.output()).isTrue();
      assertDeliveredWithHeader(sink, "unix-1");
    } finally {
      Files.deleteIfExists(directory.resolve("milter.sock"));
      Files.deleteIfExists(directory);
    }
  }

  /**
   * Watches MAIL and RCPT without replying (every other step off) and refuses a recipient: the
   * refusal can only be sent at end of message, where Postfix must still honour it.
   */
  private static final class WatchingRefuser implements MilterHandler {
    @Override
    public MilterRequirements requirements() {
      return MilterRequirements.none()
          .watchingOnly(ProtocolFlag.NO_REPLY_MAIL, ProtocolFlag.NO_REPLY_RCPT);
    }

    @Override
    public CompletionStage<Verdict> recipient(
        MilterContext context, MilterCommand.Recipient recipient) {
      if (recipient.recipient().startsWith("<reject-me@")) {
        return MilterHandler.answer(new Verdict.Reject());
      }
      return CONTINUE;
    }
  }

  @Test
  void watchingFiltersWithStepsOffAndNoRepliesWorkOverTcp() {
    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        RunningMilter milter =
            RunningMilter.start(
                ListenAddress.parse("inet:127.0.0.1:0"),
                () ->
                    MilterChain.of(
                        new WatchingRefuser(),
                        new LogHandler(),
                        new AddHeaderHandler("X-Postern-Checked", "yes")));
        PrivatePostfix postfix = postfixWith(milter.address(), sink)) {
      for (int i = 0; i < 3; i++) {
        SwaksResult result = swaks(postfix, "watch-" + i).to("alice@remote.test").run();
        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertDeliveredWithHeader(sink, "watch-" + i);
      }

      SwaksResult rejected = swaks(postfix, "watch-r").to("reject-me@remote.test").run();
      assertThat(rejected.succeeded()).isFalse();
      assertThat(rejected.output()).containsPattern("<\\*\\* +5\\d\\d ");
      assertThat(sink.messages()).hasSize(3);
    }
  }

  @Test
  void rejectTempfailAndReplyCodeShowInTheSmtpTranscript() {
    try (CapturingSmtpSink sink = CapturingSmtpSink.start();
        RunningMilter milter =
            RunningMilter.start(
                ListenAddress.parse("inet:127.0.0.1:0"), MilterPostfixIT::checkedChain);
        PrivatePostfix postfix = postfixWith(milter.address(), sink)) {
      SwaksResult rejected = swaks(postfix, "r").to("reject-me@remote.test").run();
      assertThat(rejected.succeeded()).isFalse();
      assertThat(rejected.output()).containsPattern("<\\*\\* +5\\d\\d ");

      SwaksResult deferred = swaks(postfix, "t").to("tempfail-me@remote.test").run();
      assertThat(deferred.succeeded()).isFalse();
      assertThat(deferred.output()).containsPattern("<\\*\\* +4\\d\\d ");

      SwaksResult refused =
          Swaks.builder()
              .port(postfix.smtpPort())
              .to("alice@remote.test")
              .header("Subject", "please refuse politely")
              .run();
      assertThat(refused.succeeded()).isFalse();
      assertThat(refused.output())
          .contains("550-5.7.1 Postern says no")
          .contains("550 5.7.1 not today");
      assertThat(sink.messages()).isEmpty();
    }
  }

  @Test
  void aMilterKilledUnderLoadDefersMailAndAfterRestartEveryMessageArrivesOnce() throws Exception {
    int messages = 50;
    ListenAddress address = ListenAddress.parse("inet:127.0.0.1:" + FreePorts.allocate());
    try (CapturingSmtpSink sink = CapturingSmtpSink.start()) {
      RunningMilter milter = RunningMilter.start(address, MilterPostfixIT::checkedChain);
      try (PrivatePostfix postfix = postfixWith(address, sink)) {
        List<String> transient4xx = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        Thread load =
            new Thread(
                () -> {
                  for (int n = 0; n < messages; n++) {
                    String id = "load-" + n;
                    // Retry on 4xx as an MTA would; anything else is a failure.
                    for (int attempt = 0; ; attempt++) {
                      SwaksResult result = swaks(postfix, id).to("alice@remote.test").run();
                      if (result.succeeded()) {
                        sent.incrementAndGet();
                        break;
                      }
                      if (!result.output().matches("(?s).*<\\*\\* +4\\d\\d .*") || attempt > 100) {
                        throw new AssertionError("message " + id + " failed:\n" + result.output());
                      }
                      transient4xx.add(id);
                      sleep(Duration.ofMillis(200));
                    }
                  }
                },
                "smtp-load");
        Map<String, Throwable> loadFailure = new ConcurrentHashMap<>();
        load.setUncaughtExceptionHandler((thread, error) -> loadFailure.put("load", error));
        load.start();

        awaitCondition(() -> sent.get() >= 10, Duration.ofSeconds(60));
        milter.close();
        awaitCondition(() -> !transient4xx.isEmpty() || !load.isAlive(), Duration.ofSeconds(60));
        sleep(Duration.ofSeconds(1));
        milter = RunningMilter.start(address, MilterPostfixIT::checkedChain);

        load.join(Duration.ofMinutes(5).toMillis());
        assertThat(loadFailure).isEmpty();
        assertThat(load.isAlive()).isFalse();
        assertThat(transient4xx).as("the dead milter made Postfix answer 4xx").isNotEmpty();

        awaitCondition(() -> sink.messages().size() >= messages, DELIVERY);
        sleep(Duration.ofSeconds(2));
        Map<String, Long> copies =
            sink.messages().stream()
                .collect(
                    Collectors.groupingBy(
                        message -> message.header("X-Test-Id").orElse("?"), Collectors.counting()));
        assertThat(copies).hasSize(messages);
        assertThat(copies.values()).allMatch(count -> count == 1);
        assertThat(sink.messages())
            .allMatch(message -> message.headers("X-Postern-Checked").equals(List.of("yes")));
      } finally {
        milter.close();
      }
    }
  }

  private static void awaitCondition(
      java.util.function.BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      sleep(Duration.ofMillis(100));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
