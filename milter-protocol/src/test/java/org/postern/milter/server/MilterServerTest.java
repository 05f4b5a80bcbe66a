package org.postern.milter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postern.milter.server.ServerHarness.BODY;
import static org.postern.milter.server.ServerHarness.CONNECT;
import static org.postern.milter.server.ServerHarness.DATA;
import static org.postern.milter.server.ServerHarness.EOH;
import static org.postern.milter.server.ServerHarness.EOM;
import static org.postern.milter.server.ServerHarness.HEADER;
import static org.postern.milter.server.ServerHarness.HELO;
import static org.postern.milter.server.ServerHarness.MAIL;
import static org.postern.milter.server.ServerHarness.POSTFIX_OFFER;
import static org.postern.milter.server.ServerHarness.RCPT;
import static org.postern.milter.server.ServerHarness.macro;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postern.common.server.InFlightRequests;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MessageModifier;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.MilterReply;
import org.postern.milter.reply.NegotiationReply;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

class MilterServerTest {
  private static final Verdict CONTINUE = new Verdict.Continue();
  private static final Verdict TEMPFAIL = new Verdict.Tempfail();

  /** Adds a header naming what it saw; records the context at end of message. */
  private static final class Stamping implements MilterHandler {
    final List<String> seen = new ArrayList<>();

    @Override
    public MilterRequirements requirements() {
      return MilterRequirements.none()
          .requiring(Action.ADD_HEADERS)
          .withMacros(MacroStage.END_OF_MESSAGE, "i");
    }

    @Override
    public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
      seen.add(context.queueId().orElse("?"));
      seen.add(context.helo().orElse("?"));
      seen.add(context.sender().map(MilterCommand.Mail::sender).orElse("?"));
      seen.add(String.valueOf(context.recipients().size()));
      modifier.addHeader("X-Postern-Checked", "yes " + context.queueId().orElse("?"));
      modifier.insertHeader(0, "X-First", "top");
      return CONTINUE;
    }

    @Override
    public void messageDecided(MilterContext context, Verdict verdict) {
      seen.add("decided " + verdict.code());
    }
  }

  @Test
  void fullTransactionAnswersEachStepAndSendsTheEndOfMessageBurstInOneFlush() {
    Stamping filter = new Stamping();
    try (ServerHarness server = new ServerHarness(() -> filter)) {
      List<MilterReply> negotiation = server.send(POSTFIX_OFFER);
      assertThat(negotiation).hasSize(1);
      NegotiationReply options = (NegotiationReply) negotiation.get(0);
      assertThat(options.version()).isEqualTo(6);
      assertThat(Action.fromMask(options.actions())).contains(Action.ADD_HEADERS);
      assertThat(options.macroLists()).containsEntry(MacroStage.END_OF_MESSAGE, List.of("i"));

      assertThat(
              server.send(
                  macro('C', "j", "mail.example"),
                  CONNECT,
                  HELO,
                  MAIL,
                  RCPT,
                  RCPT,
                  DATA,
                  HEADER,
                  EOH,
                  BODY))
          .containsExactly(
              CONTINUE, CONTINUE, CONTINUE, CONTINUE, CONTINUE, CONTINUE, CONTINUE, CONTINUE,
              CONTINUE);
      server.takeFlushes();

      List<MilterReply> burst = server.send(macro('E', "i", "4ABC123"), EOM);

      assertThat(burst)
          .containsExactly(
              new MessageModification.AddHeader("X-Postern-Checked", "yes 4ABC123"),
              new MessageModification.InsertHeader(0, "X-First", "top"),
              CONTINUE);
      assertThat(server.takeFlushes()).isEqualTo(1);
      assertThat(filter.seen)
          .containsExactly("4ABC123", "client.example", "<a@example.org>", "2", "decided c");
      assertThat(server.counter("messages")).isEqualTo(1);
      assertThat(server.counter("verdict.continue")).isEqualTo(1);
      assertThat(server.channel.isActive()).isTrue();
    }
  }

  @Test
  void aThrowingFilterGetsTempfailForThatMessageAndTheConnectionStays() {
    MilterHandler failing =
        new MilterHandler() {
          @Override
          public CompletionStage<Verdict> recipient(
              MilterContext context, MilterCommand.Recipient recipient) {
            if (recipient.recipient().contains("boom")) {
              throw new IllegalStateException("filter bug");
            }
            return CONTINUE_NOW;
          }
        };
    try (ServerHarness server = new ServerHarness(() -> failing)) {
      server.send(POSTFIX_OFFER, CONNECT, HELO, MAIL);

      assertThat(server.send(new MilterCommand.Recipient("<boom@example.net>", List.of())))
          .containsExactly(TEMPFAIL);
      assertThat(server.counter("errors.handler")).isEqualTo(1);
      assertThat(server.channel.isActive()).isTrue();
      assertThat(server.send(RCPT, DATA, EOH, EOM))
          .containsExactly(CONTINUE, CONTINUE, CONTINUE, CONTINUE);
    }
  }

  private static final CompletionStage<Verdict> CONTINUE_NOW = MilterHandler.CONTINUE;

  @Test
  void aFailedEndOfMessageDropsTheModificationsAndAnswersTempfail() {
    MilterHandler failing =
        new MilterHandler() {
          @Override
          public MilterRequirements requirements() {
            return MilterRequirements.none().requiring(Action.ADD_HEADERS);
          }

          @Override
          public CompletionStage<Verdict> endOfMessage(
              MilterContext context, MessageModifier modifier) {
            modifier.addHeader("X-Half", "done");
            return CompletableFuture.failedStage(new IllegalStateException("key store down"));
          }
        };
    try (ServerHarness server = new ServerHarness(() -> failing)) {
      server.send(POSTFIX_OFFER, CONNECT, HELO, MAIL, RCPT, DATA, EOH);

      assertThat(server.send(EOM)).containsExactly(TEMPFAIL);
      assertThat(server.counter("verdict.tempfail")).isEqualTo(1);
      assertThat(server.channel.isActive()).isTrue();
      assertThat(server.send(MAIL)).containsExactly(CONTINUE);
    }
  }

  @Test
  void aStageThatNeverAnswersTimesOutWithTempfail() {
    CompletableFuture<Verdict> never = new CompletableFuture<>();
    MilterHandler hanging =
        new MilterHandler() {
          private boolean first = true;

          @Override
          public CompletionStage<Verdict> mail(MilterContext context, MilterCommand.Mail mail) {
            boolean hang = first;
            first = false;
            return hang ? never : CONTINUE_NOW;
          }
        };
    try (ServerHarness server = new ServerHarness(() -> hanging, Duration.ofSeconds(5))) {
      server.send(POSTFIX_OFFER, CONNECT, HELO);
      assertThat(server.send(MAIL)).isEmpty();

      server.channel.advanceTimeBy(6, TimeUnit.SECONDS);
      server.channel.runScheduledPendingTasks();

      assertThat(server.replies()).containsExactly(TEMPFAIL);
      assertThat(server.counter("errors.timeout")).isEqualTo(1);
      never.complete(new Verdict.Reject());
      server.channel.runPendingTasks();
      assertThat(server.replies()).as("a late answer is dropped").isEmpty();
      assertThat(server.send(MAIL)).as("the connection goes on").containsExactly(CONTINUE);
    }
  }

  @Test
  void commandsWaitWhileAFilterWorksAndGoOnWhenItAnswers() {
    CompletableFuture<Verdict> later = new CompletableFuture<>();
    List<String> calls = new ArrayList<>();
    MilterHandler slow =
        new MilterHandler() {
          @Override
          public CompletionStage<Verdict> header(
              MilterContext context, MilterCommand.Header header) {
            calls.add("header " + header.name());
            return later;
          }

          @Override
          public CompletionStage<Verdict> endOfHeaders(MilterContext context) {
            calls.add("eoh");
            return CONTINUE_NOW;
          }

          @Override
          public MilterRequirements requirements() {
            return MilterRequirements.none().withFlags(ProtocolFlag.NO_REPLY_HEADER);
          }
        };
    try (ServerHarness server = new ServerHarness(() -> slow)) {
      server.send(POSTFIX_OFFER, CONNECT, HELO, MAIL, RCPT, DATA);

      assertThat(server.send(HEADER, EOH)).isEmpty();
      assertThat(calls).containsExactly("header Subject");

      later.complete(CONTINUE);
      server.channel.runPendingTasks();

      assertThat(calls).containsExactly("header Subject", "eoh");
      assertThat(server.replies()).containsExactly(CONTINUE);
    }
  }

  @Test
  void aFailureInAStepWithoutReplyMakesTheNextRepliedStepTempfail() {
    MilterHandler failingHeaders =
        new MilterHandler() {
          @Override
          public MilterRequirements requirements() {
            return MilterRequirements.none().withFlags(ProtocolFlag.NO_REPLY_HEADER);
          }

          @Override
          public CompletionStage<Verdict> header(
              MilterContext context, MilterCommand.Header header) {
            throw new IllegalStateException("bad header parser");
          }
        };
    try (ServerHarness server = new ServerHarness(() -> failingHeaders)) {
      server.send(POSTFIX_OFFER, CONNECT, HELO, MAIL, RCPT, DATA);

      assertThat(server.send(HEADER)).isEmpty();
      assertThat(server.send(EOH)).containsExactly(TEMPFAIL);
      assertThat(server.counter("verdict.tempfail")).isEqualTo(1);
      assertThat(server.send(MAIL)).containsExactly(CONTINUE);
    }
  }

  @Test
  void skipFromTheBodyIsSentWhenTheMtaUnderstandsIt() {
    MilterHandler skipping =
        new MilterHandler() {
          @Override
          public MilterRequirements requirements() {
            return MilterRequirements.none().withFlags(ProtocolFlag.SKIP);
          }

          @Override
          public CompletionStage<Verdict> body(
              MilterContext context, MilterCommand.BodyChunk chunk) {
            return SKIP;
          }
        };
    try (ServerHarness server = new ServerHarness(() -> skipping)) {
      server.send(POSTFIX_OFFER, CONNECT, HELO, MAIL, RCPT, DATA, EOH);

      assertThat(server.send(BODY)).containsExactly(new Verdict.Skip());
      assertThat(server.send(EOM)).containsExactly(CONTINUE);
    }
    try (ServerHarness server = new ServerHarness(() -> skipping)) {
      server.send(new MilterCommand.OptionNegotiation(6, 0x1ff, 0x3ff), CONNECT, HELO, MAIL);
      server.send(RCPT, DATA, EOH);

      assertThat(server.send(BODY))
          .as("an MTA without SKIP gets CONTINUE")
          .containsExactly(CONTINUE);
    }
  }

  @Test
  void aFilterNeedingAnActionTheMtaLacksClosesTheConnectionWithoutReply() {
    MilterHandler bodyChanger =
        new MilterHandler() {
          @Override
          public MilterRequirements requirements() {
            return MilterRequirements.none().requiring(Action.CHANGE_BODY);
          }
        };
    try (ServerHarness server = new ServerHarness(() -> bodyChanger)) {
      assertThat(server.send(new MilterCommand.OptionNegotiation(6, 0x01, 0x1fffff))).isEmpty();
      assertThat(server.channel.isActive()).isFalse();
      assertThat(server.counter("errors.negotiation")).isEqualTo(1);
    }
  }

  @Test
  void aCommandOutOfOrderClosesTheConnection() {
    try (ServerHarness server = new ServerHarness(() -> new MilterHandler() {})) {
      server.send(POSTFIX_OFFER, CONNECT, HELO);

      assertThat(server.send(EOM)).isEmpty();
      assertThat(server.channel.isActive()).isFalse();
      assertThat(server.counter("errors.protocol")).isEqualTo(1);
    }
  }

  @Test
  void httpOnTheMilterPortClosesTheConnection() {
    try (ServerHarness server = new ServerHarness(() -> new MilterHandler() {})) {
      server.channel.writeInbound(
          io.netty.buffer.Unpooled.copiedBuffer(
              "GET / HTTP/1.1\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII));

      assertThat(server.channel.isActive()).isFalse();
      assertThat(server.counter("errors.protocol")).isEqualTo(1);
    }
  }

  @Test
  void aReplyCodeAtEndOfMessageIsSentAndCounted() {
    MilterHandler rejecting =
        new MilterHandler() {
          @Override
          public CompletionStage<Verdict> endOfMessage(
              MilterContext context, MessageModifier modifier) {
            return MilterHandler.answer(ReplyCode.of(550, "5.7.1", "no thanks", "really"));
          }
        };
    try (ServerHarness server = new ServerHarness(() -> rejecting)) {
      server.send(POSTFIX_OFFER, CONNECT, HELO, MAIL, RCPT, DATA, EOH);

      assertThat(server.send(EOM))
          .containsExactly(ReplyCode.of(550, "5.7.1", "no thanks", "really"));
      assertThat(server.counter("verdict.reply_code")).isEqualTo(1);
    }
  }

  @Test
  void abortTellsTheFilterAndANewMessageFollows() {
    List<String> events = new ArrayList<>();
    MilterHandler recording =
        new MilterHandler() {
          @Override
          public void abort(MilterContext context) {
            events.add("abort");
          }

          @Override
          public void close(MilterContext context) {
            events.add("close");
          }
        };
    try (ServerHarness server = new ServerHarness(() -> recording)) {
      server.send(POSTFIX_OFFER, CONNECT, HELO, MAIL, RCPT);

      assertThat(server.send(new MilterCommand.Abort())).isEmpty();
      assertThat(server.send(MAIL, RCPT)).containsExactly(CONTINUE, CONTINUE);
      server.send(new MilterCommand.Quit());

      assertThat(events).containsExactly("abort", "abort", "close");
      assertThat(server.channel.isActive()).isFalse();
    }
  }

  @Test
  void aMessageCountsAsInFlightUntilItsVerdictSoShutdownWaitsForIt() {
    try (ServerHarness server = new ServerHarness(() -> new MilterHandler() {})) {
      server.send(POSTFIX_OFFER, CONNECT, HELO);
      assertThat(InFlightRequests.count(server.channel)).isZero();

      server.send(MAIL, RCPT, DATA, EOH);
      assertThat(InFlightRequests.count(server.channel)).isEqualTo(1);

      server.send(EOM);
      assertThat(InFlightRequests.count(server.channel)).isZero();

      server.send(MAIL, new MilterCommand.Abort());
      assertThat(InFlightRequests.count(server.channel)).isZero();
    }
  }

  @Test
  void thousandsOfStepsQueuedBehindASlowFilterRunWithoutDeepRecursion() {
    List<String> headers = new ArrayList<>();
    CompletableFuture<Verdict> first = new CompletableFuture<>();
    MilterHandler counting =
        new MilterHandler() {
          @Override
          public MilterRequirements requirements() {
            return MilterRequirements.none().withFlags(ProtocolFlag.NO_REPLY_HEADER);
          }

          @Override
          public CompletionStage<Verdict> header(
              MilterContext context, MilterCommand.Header header) {
            headers.add(header.name());
            return headers.size() == 1 ? first : CONTINUE_NOW;
          }
        };
    try (ServerHarness server = new ServerHarness(() -> counting)) {
      server.send(POSTFIX_OFFER, CONNECT, HELO, MAIL, RCPT, DATA);
      MilterCommand[] burst = new MilterCommand[20_001];
      for (int i = 0; i < 20_000; i++) {
        burst[i] = new MilterCommand.Header("X-N" + i, "v");
      }
      burst[20_000] = EOH;

      assertThat(server.send(burst)).isEmpty();
      assertThat(headers).hasSize(1);

      first.complete(CONTINUE);
      server.channel.runPendingTasks();

      assertThat(server.replies()).containsExactly(CONTINUE);
      assertThat(headers).hasSize(20_000);
    }
  }
}
