package org.postern.milter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.milter.codec.MilterProtocolException;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.MilterReply;
import org.postern.milter.reply.NegotiationReply;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

class MilterClientTest {
  private static final int NO_FLAGS = 0;

  private FakeMilter milter;
  private MilterClientFactory factory;

  @AfterEach
  void stop() {
    if (factory != null) {
      factory.close();
    }
    if (milter != null) {
      milter.close();
    }
  }

  private MilterClient connect(FakeMilter.Script script) {
    return connect(script, builder -> builder);
  }

  private MilterClient connect(
      FakeMilter.Script script, UnaryOperator<MilterClientFactory.Builder> settings) {
    milter = FakeMilter.onLoopback(script);
    factory = settings.apply(defaults(milter.address())).build();
    return await(factory.connect());
  }

  private static MilterClientFactory.Builder defaults(ListenAddress address) {
    return MilterClientFactory.builder(address)
        .commandTimeout(Duration.ofSeconds(5))
        .contentTimeout(Duration.ofSeconds(5));
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("stage failed: " + MilterClient.unwrap(e), e);
    }
  }

  private static Throwable failureOf(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return MilterClient.unwrap(e);
    }
    throw new AssertionError("expected the stage to fail");
  }

  /** Connect, helo, mail, one rcpt, data: the envelope of most tests. */
  private static void envelope(MilterClient client) {
    client.connect("client.example", AddressFamily.INET, "192.0.2.1", 4321);
    client.helo("client.example");
    client.mail("<alice@example.test>", List.of("SIZE=100"));
    client.rcpt("<bob@example.test>", List.of());
    client.data();
  }

  private static MessageContent message(String body) {
    return MessageContent.parse(
        ("From: alice@example.test\r\nSubject: hi\r\n\r\n" + body)
            .getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void offersVersionSixAndTheConfiguredActionsAndProtocol() {
    MilterClient client =
        connect(
            command -> FakeMilter.standard(command, ProtocolFlag.NO_HELO.bit()),
            builder ->
                builder
                    .offeredActions(Set.of(Action.ADD_HEADERS, Action.CHANGE_HEADERS))
                    .offeredProtocol(Set.of(ProtocolFlag.SKIP, ProtocolFlag.NO_HELO)));
    MilterCommand.OptionNegotiation offer =
        milter.received(MilterCommand.OptionNegotiation.class).get(0);
    assertThat(offer.version()).isEqualTo(6);
    assertThat(offer.actions()).isEqualTo(0x11);
    assertThat(offer.protocol()).isEqualTo(0x402);
    assertThat(client.options().version()).isEqualTo(6);
    assertThat(client.options().allows(Action.ADD_HEADERS)).isTrue();
    assertThat(client.options().allows(Action.CHANGE_BODY)).isFalse();
    assertThat(client.options().has(ProtocolFlag.NO_HELO)).isTrue();
  }

  @Test
  void refusesANegotiationAnswerAskingForActionsThatWereNotOffered() {
    milter =
        FakeMilter.onLoopback(
            command ->
                command instanceof MilterCommand.OptionNegotiation
                    ? List.of(new NegotiationReply(6, 0x1FF, 0))
                    : FakeMilter.standard(command, NO_FLAGS));
    factory = defaults(milter.address()).offeredActions(Set.of(Action.ADD_HEADERS)).build();
    assertThat(failureOf(factory.connect()))
        .isInstanceOf(MilterNegotiationException.class)
        .hasMessageContaining("0x1fe");
  }

  @Test
  void refusesAnAnswerWithAVersionAboveTheOffer() {
    milter =
        FakeMilter.onLoopback(
            command ->
                command instanceof MilterCommand.OptionNegotiation
                    ? List.of(new NegotiationReply(7, 0, 0))
                    : FakeMilter.standard(command, NO_FLAGS));
    factory = defaults(milter.address()).build();
    assertThat(failureOf(factory.connect()))
        .isInstanceOf(MilterNegotiationException.class)
        .hasMessageContaining("version 7");
  }

  @Test
  void sendsOnlyTheMacrosTheMilterListedWithSetSymList() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.OptionNegotiation offer
                    ? List.of(
                        new NegotiationReply(
                            6,
                            offer.actions(),
                            0,
                            Map.of(MacroStage.CONNECT, List.of("j", "{client_addr}"))))
                    : FakeMilter.standard(command, NO_FLAGS));
    assertThat(client.options().macroLists()).containsKey(MacroStage.CONNECT);
    client.macros(
        MacroStage.CONNECT,
        Map.of("j", "mx.example.test", "{daemon_name}", "smtpd", "client_addr", "192.0.2.1"));
    client.macros(MacroStage.MAIL, Map.of("i", "4Xyz", "{auth_authen}", "alice"));
    client.connect("client.example", AddressFamily.INET, "192.0.2.1", 4321);
    await(client.mail("<alice@example.test>", List.of()));

    List<MilterCommand.MacroDefinition> macros =
        milter.received(MilterCommand.MacroDefinition.class);
    assertThat(macros).hasSize(2);
    assertThat(macros.get(0).commandCode()).isEqualTo('C');
    assertThat(macros.get(0).macros())
        .containsOnlyKeys("j", "client_addr")
        .containsEntry("j", "mx.example.test");
    assertThat(macros.get(1).commandCode()).isEqualTo('M');
    assertThat(macros.get(1).macros()).containsOnlyKeys("i", "{auth_authen}");
    assertThat(milter.receivedCodes()).isEqualTo("ODCDM");
  }

  @Test
  void drivesAWholeTransactionAndCollectsModificationsInOrder() {
    List<Object> endOfMessage =
        List.of(
            new MessageModification.AddHeader("X-Checked", "yes"),
            new MessageModification.InsertHeader(0, "X-First", "top"),
            new MessageModification.ChangeHeader(1, "Subject", "[tag] hi"),
            new MessageModification.AddRecipient("<carol@example.test>"),
            ReplyCode.of(550, "5.7.1", "no 100% sure", "go away"));
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.EndOfMessage
                    ? endOfMessage
                    : FakeMilter.standard(command, NO_FLAGS));
    envelope(client);
    MilterResult result = await(client.content(message("hello\r\n")));

    assertThat(milter.receivedCodes()).isEqualTo("OCHMRTLLNBE");
    assertThat(result.verdict()).isEqualTo(ReplyCode.of(550, "5.7.1", "no 100% sure", "go away"));
    assertThat(result.delivers()).isFalse();
    assertThat(result.modifications())
        .containsExactlyElementsOf(
            endOfMessage.subList(0, 4).stream().map(MessageModification.class::cast).toList());
    MilterCommand.Connect connect = milter.received(MilterCommand.Connect.class).get(0);
    assertThat(connect)
        .isEqualTo(
            new MilterCommand.Connect("client.example", AddressFamily.INET, 4321, "192.0.2.1"));
    assertThat(milter.received(MilterCommand.Mail.class).get(0).esmtpArguments())
        .containsExactly("SIZE=100");
    // Without HDR_LEADSPC the blank after the colon is not sent.
    assertThat(milter.received(MilterCommand.Header.class))
        .containsExactly(
            new MilterCommand.Header("From", "alice@example.test"),
            new MilterCommand.Header("Subject", "hi"));
  }

  @Test
  void keepsTheLeadingSpaceWhenTheMilterAsksForIt() {
    MilterClient client =
        connect(command -> FakeMilter.standard(command, ProtocolFlag.HEADER_LEADING_SPACE.bit()));
    envelope(client);
    await(client.content(message("x\r\n")));
    assertThat(milter.received(MilterCommand.Header.class).get(1).value()).isEqualTo(" hi");
  }

  @Test
  void doesNotWaitForRepliesTheMilterWillNotSendNorSendSkippedSteps() {
    int protocol =
        ProtocolFlag.toMask(
            Set.of(
                ProtocolFlag.NO_REPLY_CONNECT,
                ProtocolFlag.NO_HELO,
                ProtocolFlag.NO_REPLY_HEADER,
                ProtocolFlag.NO_REPLY_BODY,
                ProtocolFlag.NO_END_OF_HEADERS,
                ProtocolFlag.NO_DATA));
    // A fake that honours the flags never answers those steps: waiting would time out.
    MilterClient client =
        connect(
            command -> FakeMilter.standard(command, protocol),
            builder ->
                builder
                    .commandTimeout(Duration.ofSeconds(30))
                    .contentTimeout(Duration.ofSeconds(30)));
    envelope(client);
    MilterResult result = await(client.content(message("a\r\n".repeat(50_000))));
    assertThat(result.verdict()).isEqualTo(new Verdict.Accept());
    assertThat(milter.receivedCodes()).isEqualTo("OCMRLLBBBE");
  }

  @Test
  void sendsTheBodyInChunksOfAtMost65535Bytes() {
    MilterClient client = connect(command -> FakeMilter.standard(command, NO_FLAGS));
    envelope(client);
    byte[] body = new byte[200_000];
    java.util.Arrays.fill(body, (byte) 'x');
    assertThat(await(client.body(body))).isEqualTo(new Verdict.Continue());
    await(client.endOfMessage());
    List<Integer> sizes = new ArrayList<>();
    milter.received(MilterCommand.BodyChunk.class).forEach(chunk -> sizes.add(chunk.length()));
    assertThat(sizes).containsExactly(65535, 65535, 65535, 200_000 - 3 * 65535);
  }

  @Test
  void stopsSendingTheBodyWhenTheMilterSkips() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.BodyChunk
                    ? List.of(new Verdict.Skip())
                    : FakeMilter.standard(command, NO_FLAGS));
    envelope(client);
    assertThat(await(client.body(new byte[200_000]))).isEqualTo(new Verdict.Skip());
    assertThat(await(client.body(new byte[10]))).isEqualTo(new Verdict.Skip());
    MilterResult result = await(client.endOfMessage());
    assertThat(result.verdict()).isEqualTo(new Verdict.Accept());
    assertThat(milter.received(MilterCommand.BodyChunk.class)).hasSize(1);
    assertThat(milter.receivedCodes()).endsWith("TBE");
  }

  @Test
  void refusesSkipWhenTheClientDidNotOfferIt() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.BodyChunk
                    ? List.of(new Verdict.Skip())
                    : FakeMilter.standard(command, NO_FLAGS),
            builder -> builder.offeredProtocol(Set.of()));
    envelope(client);
    assertThat(failureOf(client.body(new byte[10])))
        .isInstanceOf(MilterProtocolException.class)
        .hasMessageContaining("SKIP");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void answersEachRecipientAndKeepsGoingAfterARecipientIsRejected() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.Recipient rcpt
                        && rcpt.recipient().contains("nobody")
                    ? List.of(new Verdict.Reject())
                    : FakeMilter.standard(command, NO_FLAGS));
    client.connect("client.example", AddressFamily.INET6, "2001:db8::1", 25);
    client.mail("<alice@example.test>", List.of());
    CompletionStage<Verdict> nobody = client.rcpt("<nobody@example.test>", List.of());
    CompletionStage<Verdict> bob = client.rcpt("<bob@example.test>", List.of());
    client.data();
    MilterResult result = await(client.content(message("x\r\n")));
    assertThat(await(nobody)).isEqualTo(new Verdict.Reject());
    assertThat(await(bob)).isEqualTo(new Verdict.Continue());
    assertThat(result.verdict()).isEqualTo(new Verdict.Accept());
    assertThat(milter.receivedCodes()).isEqualTo("OCMRRTLLNBE");
  }

  @Test
  void aMessageRejectedAtMailSendsNoMoreOfItAndTheNextMailAbortsFirst() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.Mail mail && mail.sender().contains("spam")
                    ? List.of(ReplyCode.of(554, "5.7.1", "spammer"))
                    : FakeMilter.standard(command, NO_FLAGS));
    client.connect("client.example", AddressFamily.INET, "192.0.2.1", 4321);
    CompletionStage<Verdict> mail = client.mail("<spam@example.test>", List.of());
    CompletionStage<Verdict> rcpt = client.rcpt("<bob@example.test>", List.of());
    MilterResult rejected = await(client.content(message("x\r\n")));
    assertThat(await(mail)).isEqualTo(ReplyCode.of(554, "5.7.1", "spammer"));
    assertThat(await(rcpt)).isEqualTo(ReplyCode.of(554, "5.7.1", "spammer"));
    assertThat(rejected.verdict()).isEqualTo(ReplyCode.of(554, "5.7.1", "spammer"));
    assertThat(rejected.modifications()).isEmpty();

    client.mail("<alice@example.test>", List.of());
    client.rcpt("<bob@example.test>", List.of());
    MilterResult accepted = await(client.content(message("x\r\n")));
    assertThat(accepted.verdict()).isEqualTo(new Verdict.Accept());
    assertThat(milter.receivedCodes()).isEqualTo("OCMAMRLLNBE");
  }

  @Test
  void aConnectionRejectedAtConnectSendsNothingMore() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.Connect
                    ? List.of(new Verdict.Tempfail())
                    : FakeMilter.standard(command, NO_FLAGS));
    envelope(client);
    MilterResult result = await(client.content(message("x\r\n")));
    assertThat(result.verdict()).isEqualTo(new Verdict.Tempfail());
    assertThat(milter.receivedCodes()).isEqualTo("OC");
  }

  @Test
  void progressRepliesExtendTheEndOfMessageTimeout() {
    List<Object> slowAnswer = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      slowAnswer.add(new FakeMilter.Pause(Duration.ofMillis(300)));
      slowAnswer.add(new MilterReply.Progress());
    }
    slowAnswer.add(new FakeMilter.Pause(Duration.ofMillis(300)));
    slowAnswer.add(new MessageModification.AddHeader("X-Slow", "done"));
    slowAnswer.add(new Verdict.Accept());
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.EndOfMessage
                    ? slowAnswer
                    : FakeMilter.standard(command, NO_FLAGS),
            builder -> builder.timeout(ClientStep.END_OF_MESSAGE, Duration.ofMillis(900)));
    envelope(client);
    MilterResult result = await(client.content(message("x\r\n")));
    assertThat(result.verdict()).isEqualTo(new Verdict.Accept());
    assertThat(result.progressReplies()).isEqualTo(4);
    assertThat(result.modifications())
        .containsExactly(new MessageModification.AddHeader("X-Slow", "done"));
  }

  @Test
  void aStepWithoutAnswerTimesOutAndClosesTheConnection() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.Helo
                    ? List.of()
                    : FakeMilter.standard(command, NO_FLAGS),
            builder -> builder.commandTimeout(Duration.ofMillis(200)));
    client.connect("client.example", AddressFamily.INET, "192.0.2.1", 4321);
    Throwable failure = failureOf(client.helo("client.example"));
    assertThat(failure).isInstanceOf(MilterTimeoutException.class);
    assertThat(((MilterTimeoutException) failure).step()).isEqualTo(ClientStep.HELO);
    assertThat(client.isOpen()).isFalse();
    assertThat(failureOf(client.mail("<a@example.test>", List.of())))
        .isInstanceOf(MilterConnectionException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aModificationBeforeEndOfMessageIsAProtocolError() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.Recipient
                    ? List.of(new MessageModification.AddHeader("X", "y"), new Verdict.Continue())
                    : FakeMilter.standard(command, NO_FLAGS));
    client.connect("client.example", AddressFamily.INET, "192.0.2.1", 4321);
    client.mail("<alice@example.test>", List.of());
    Throwable failure = failureOf(client.rcpt("<bob@example.test>", List.of()));
    assertThat(failure)
        .isInstanceOf(MilterProtocolException.class)
        .hasMessageContaining("before end of message");
    assertThat(((MilterProtocolException) failure).reason())
        .isEqualTo(MilterProtocolException.Reason.OUT_OF_ORDER);
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void aModificationNeedingAnActionNotNegotiatedIsAProtocolError() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.EndOfMessage
                    ? List.of(
                        new MessageModification.ReplaceBody(new byte[3]), new Verdict.Accept())
                    : FakeMilter.standard(command, NO_FLAGS),
            builder -> builder.offeredActions(Set.of(Action.ADD_HEADERS)));
    envelope(client);
    assertThat(failureOf(client.content(message("x\r\n"))))
        .isInstanceOf(MilterProtocolException.class)
        .hasMessageContaining("CHANGE_BODY");
  }

  @Test
  void garbageFromTheMilterIsAProtocolError() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.Helo
                    ? List.of(
                        Unpooled.copiedBuffer("HTTP/1.1 400 Bad\r\n", StandardCharsets.US_ASCII))
                    : FakeMilter.standard(command, NO_FLAGS));
    Throwable failure = failureOf(client.helo("client.example"));
    assertThat(failure).isInstanceOf(MilterProtocolException.class);
    assertThat(((MilterProtocolException) failure).reason())
        .isEqualTo(MilterProtocolException.Reason.FOREIGN_PROTOCOL);
  }

  @Test
  void aMilterHangingUpFailsThePendingStep() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.Data
                    ? List.of(new FakeMilter.Hangup())
                    : FakeMilter.standard(command, NO_FLAGS));
    client.mail("<alice@example.test>", List.of());
    assertThat(failureOf(client.data()))
        .isInstanceOf(MilterConnectionException.class)
        .hasMessageContaining("closed the connection");
  }

  @Test
  void reusesTheConnectionWithQuitNcAndNegotiatesOnce() {
    MilterClient client =
        connect(
            command ->
                command instanceof MilterCommand.EndOfMessage
                    ? List.of(new MessageModification.AddHeader("X-N", "1"), new Verdict.Accept())
                    : FakeMilter.standard(command, NO_FLAGS));
    client.macros(MacroStage.CONNECT, Map.of("j", "mx"));
    envelope(client);
    MilterResult first = await(client.content(message("one\r\n")));
    client.reset();
    envelope(client);
    MilterResult second = await(client.content(message("two\r\n")));
    await(client.quit());
    milter.awaitAllClosed();

    assertThat(first.modifications()).isEqualTo(second.modifications());
    assertThat(milter.connections()).isEqualTo(1);
    assertThat(milter.receivedCodes()).isEqualTo("ODCHMRTLLNBE" + "KCHMRTLLNBE" + "Q");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void talksToAMilterOnAUnixSocket(@TempDir Path directory) {
    milter =
        FakeMilter.onUnixSocket(
            directory.resolve("milter.sock"), command -> FakeMilter.standard(command, NO_FLAGS));
    factory = defaults(milter.address()).build();
    MilterClient client = await(factory.connect());
    envelope(client);
    MilterResult result = await(client.content(message("x\r\n")));
    await(client.quit());
    milter.awaitAllClosed();
    assertThat(result.verdict()).isEqualTo(new Verdict.Accept());
    assertThat(milter.receivedCodes()).isEqualTo("OCHMRTLLNBEQ");
  }

  @Test
  void anUnreachableMilterIsAConnectionFailure(@TempDir Path directory) {
    factory = defaults(new ListenAddress.Unix(directory.resolve("nobody.sock"))).build();
    assertThat(failureOf(factory.connect()))
        .isInstanceOf(MilterConnectionException.class)
        .hasMessageContaining("cannot connect");
  }

  @Test
  void theBuilderRefusesNonsense() {
    ListenAddress address = new ListenAddress.Inet("127.0.0.1", 1);
    assertThatThrownBy(() -> MilterClientFactory.builder(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("address");
    assertThatThrownBy(
            () -> MilterClientFactory.builder(address).commandTimeout(Duration.ZERO).build())
        .hasMessageContaining("command timeout");
    assertThatThrownBy(
            () ->
                MilterClientFactory.builder(address)
                    .timeout(ClientStep.BODY, Duration.ofSeconds(-1))
                    .build())
        .hasMessageContaining("BODY timeout");
    assertThatThrownBy(() -> MilterClientFactory.builder(address).maxFrameLength(0).build())
        .hasMessageContaining("max frame length");
  }
}
