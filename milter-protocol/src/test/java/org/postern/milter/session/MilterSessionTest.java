package org.postern.milter.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postern.milter.codec.MilterProtocolException;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.Verdict;

class MilterSessionTest {
  private static final MilterCommand.OptionNegotiation POSTFIX_OFFER =
      new MilterCommand.OptionNegotiation(6, 0x1ff, 0x1fffff);
  private static final MilterCommand CONNECT =
      new MilterCommand.Connect("client.example", AddressFamily.INET, 40000, "192.0.2.7");
  private static final MilterCommand HELO = new MilterCommand.Helo("client.example");
  private static final MilterCommand MAIL = new MilterCommand.Mail("<a@example.org>", List.of());
  private static final MilterCommand RCPT =
      new MilterCommand.Recipient("<b@example.net>", List.of());
  private static final MilterCommand DATA = new MilterCommand.Data();
  private static final MilterCommand HEADER = new MilterCommand.Header("Subject", "hi");
  private static final MilterCommand EOH = new MilterCommand.EndOfHeaders();
  private static final MilterCommand BODY = new MilterCommand.BodyChunk("hello\r\n".getBytes());
  private static final MilterCommand EOM = new MilterCommand.EndOfMessage();
  private static final MilterCommand ABORT = new MilterCommand.Abort();

  private static MilterSession negotiated(
      MilterRequirements requirements, MilterCommand.OptionNegotiation offer) {
    MilterSession session = new MilterSession(requirements);
    assertThat(session.accept(offer)).isInstanceOf(SessionStep.Negotiated.class);
    return session;
  }

  private static MilterSession negotiated() {
    return negotiated(MilterRequirements.none().requiring(Action.ADD_HEADERS), POSTFIX_OFFER);
  }

  /** Accepts each command and answers CONTINUE whenever a verdict is expected. */
  private static void drive(MilterSession session, MilterCommand... commands) {
    for (MilterCommand command : commands) {
      SessionStep step = session.accept(command);
      if (step instanceof SessionStep.Dispatch dispatch && dispatch.replyExpected()) {
        assertThat(session.outgoing(new Verdict.Continue())).isEqualTo(new Verdict.Continue());
      }
    }
  }

  private static MilterCommand macros(char code, String name, String value) {
    return new MilterCommand.MacroDefinition(code, Map.of(name, value));
  }

  private static void assertOutOfOrder(MilterSession session, MilterCommand command) {
    Throwable thrown = catchThrowable(() -> session.accept(command));
    assertThat(thrown).isInstanceOf(MilterProtocolException.class);
    assertThat(((MilterProtocolException) thrown).reason())
        .isEqualTo(MilterProtocolException.Reason.OUT_OF_ORDER);
  }

  @Test
  void aPostfixTransactionDispatchesEveryStageAndExpectsEveryReply() {
    MilterSession session = negotiated();
    List<MilterCommand> commands =
        List.of(CONNECT, HELO, MAIL, RCPT, RCPT, DATA, HEADER, HEADER, EOH, BODY, EOM);
    List<Stage> stages =
        List.of(
            Stage.CONNECT,
            Stage.HELO,
            Stage.MAIL,
            Stage.RCPT,
            Stage.RCPT,
            Stage.DATA,
            Stage.HEADER,
            Stage.HEADER,
            Stage.END_OF_HEADERS,
            Stage.BODY,
            Stage.END_OF_MESSAGE);
    for (int i = 0; i < commands.size(); i++) {
      SessionStep step = session.accept(commands.get(i));
      assertThat(step)
          .isEqualTo(new SessionStep.Dispatch(stages.get(i), commands.get(i), true, false));
      assertThat(session.awaitingVerdict()).contains(stages.get(i));
      session.outgoing(new Verdict.Continue());
    }
    assertThat(session.recipients()).hasSize(2);
    assertThat(session.accept(new MilterCommand.Quit()))
        .isEqualTo(new SessionStep.ConnectionEnded(false));
    assertOutOfOrder(session, MAIL);
  }

  @Test
  void macrosAreKeptPerStageVisibleLaterAndReplacedPerStage() {
    MilterSession session = negotiated();
    drive(
        session,
        macros('C', "j", "mx.example"),
        CONNECT,
        macros('M', "{mail_addr}", "a@example.org"),
        MAIL);
    assertThat(session.macro("j")).contains("mx.example");
    assertThat(session.macro("{j}")).contains("mx.example");
    assertThat(session.macro("mail_addr")).contains("a@example.org");
    drive(
        session,
        macros('R', "{rcpt_addr}", "b@example.net"),
        RCPT,
        DATA,
        EOH,
        macros('E', "i", "4AbC"),
        EOM);
    assertThat(session.macro("i")).contains("4AbC");
    assertThat(session.macros(MacroStage.CONNECT)).containsEntry("j", "mx.example");
    // A MACRO for a stage replaces that stage's macros.
    drive(session, macros('M', "{mail_addr}", "c@example.org"));
    assertThat(session.macros(MacroStage.MAIL)).isEqualTo(Map.of("{mail_addr}", "c@example.org"));
    // A new MAIL drops the later stages' macros but keeps its own and the connection's.
    drive(session, MAIL);
    assertThat(session.macro("rcpt_addr")).isEmpty();
    assertThat(session.macro("i")).isEmpty();
    assertThat(session.macro("mail_addr")).contains("c@example.org");
    assertThat(session.macro("j")).contains("mx.example");
  }

  @Test
  void abortClearsTheMessageAndKeepsTheConnection() {
    MilterSession session = negotiated();
    drive(
        session,
        macros('C', "j", "mx"),
        CONNECT,
        HELO,
        macros('M', "{auth_type}", "plain"),
        MAIL,
        RCPT,
        DATA,
        HEADER);
    assertThat(session.accept(ABORT)).isEqualTo(new SessionStep.AbortMessage());
    assertThat(session.inMessage()).isFalse();
    assertThat(session.mail()).isEmpty();
    assertThat(session.recipients()).isEmpty();
    assertThat(session.macro("auth_type")).isEmpty();
    assertThat(session.macro("j")).contains("mx");
    assertThat(session.connect()).contains((MilterCommand.Connect) CONNECT);
    assertThat(session.heloName()).contains("client.example");
    // ABORT never gets a reply, and outside a message it asks for nothing.
    assertThat(session.awaitingVerdict()).isEmpty();
    assertThat(session.accept(ABORT)).isEqualTo(new SessionStep.NoAction());
    drive(session, MAIL, RCPT, DATA, EOH, EOM);
  }

  @Test
  void aNewMailInsideAnEnvelopeStartsANewMessage() {
    MilterSession session = negotiated();
    drive(session, CONNECT, MAIL, RCPT);
    MilterCommand second = new MilterCommand.Mail("<z@example.org>", List.of("SIZE=10"));
    SessionStep step = session.accept(second);
    assertThat(step).isEqualTo(new SessionStep.Dispatch(Stage.MAIL, second, true, true));
    session.outgoing(new Verdict.Continue());
    assertThat(session.recipients()).isEmpty();
    assertThat(session.mail()).contains((MilterCommand.Mail) second);
  }

  @Test
  void quitNewConnectionResetsToAFreshConnectionAndKeepsNegotiation() {
    MilterSession session = negotiated();
    drive(session, macros('C', "j", "mx"), CONNECT, HELO, MAIL, RCPT);
    assertThat(session.accept(new MilterCommand.QuitNewConnection()))
        .isEqualTo(new SessionStep.ConnectionEnded(true));
    assertThat(session.connect()).isEmpty();
    assertThat(session.heloName()).isEmpty();
    assertThat(session.macro("j")).isEmpty();
    assertThat(session.inMessage()).isFalse();
    assertThat(session.negotiatedOptions()).isPresent();
    assertOutOfOrder(session, MAIL);
    assertOutOfOrder(session, POSTFIX_OFFER);
    drive(session, CONNECT, HELO, MAIL, RCPT, EOM);
  }

  @Test
  void noReplyStepsExpectNoVerdict() {
    MilterRequirements requirements =
        MilterRequirements.none()
            .withFlags(
                ProtocolFlag.NO_REPLY_HEADER,
                ProtocolFlag.NO_REPLY_CONNECT,
                ProtocolFlag.NO_REPLY_BODY);
    MilterSession session = negotiated(requirements, POSTFIX_OFFER);
    SessionStep connect = session.accept(CONNECT);
    assertThat(((SessionStep.Dispatch) connect).replyExpected()).isFalse();
    assertThat(session.awaitingVerdict()).isEmpty();
    assertThatThrownBy(() -> session.outgoing(new Verdict.Continue()))
        .isInstanceOf(IllegalStateException.class);
    drive(session, HELO, MAIL, RCPT, DATA);
    // Headers flow without replies; Postfix sends the next one at once.
    assertThat(((SessionStep.Dispatch) session.accept(HEADER)).replyExpected()).isFalse();
    assertThat(((SessionStep.Dispatch) session.accept(HEADER)).replyExpected()).isFalse();
    assertThat(((SessionStep.Dispatch) session.accept(EOH)).replyExpected()).isTrue();
    session.outgoing(new Verdict.Continue());
    assertThat(((SessionStep.Dispatch) session.accept(BODY)).replyExpected()).isFalse();
    assertThat(((SessionStep.Dispatch) session.accept(EOM)).replyExpected()).isTrue();
  }

  @Test
  void aNoReplyFlagTheMtaDidNotOfferStillExpectsAReply() {
    MilterRequirements requirements =
        MilterRequirements.none().withFlags(ProtocolFlag.NO_REPLY_HEADER);
    MilterSession session =
        negotiated(requirements, new MilterCommand.OptionNegotiation(6, 0x1ff, 0x7f));
    drive(session, CONNECT, MAIL, RCPT);
    assertThat(((SessionStep.Dispatch) session.accept(HEADER)).replyExpected()).isTrue();
  }

  @Test
  void skipOnABodyChunkEndsTheBodyWhenTheMtaUnderstandsIt() {
    MilterSession session = negotiated();
    drive(session, CONNECT, MAIL, RCPT, DATA, EOH);
    session.accept(BODY);
    assertThat(session.outgoing(new Verdict.Skip())).isEqualTo(new Verdict.Skip());
    assertOutOfOrder(session, BODY);
    drive(session, EOM);
  }

  @Test
  void skipBecomesContinueWhereItIsNotUnderstood() {
    MilterSession noSkip =
        negotiated(
            MilterRequirements.none(),
            new MilterCommand.OptionNegotiation(6, 0x1ff, 0x1fffff & ~ProtocolFlag.SKIP.bit()));
    drive(noSkip, CONNECT, MAIL, RCPT, DATA, EOH);
    noSkip.accept(BODY);
    assertThat(noSkip.outgoing(new Verdict.Skip())).isEqualTo(new Verdict.Continue());
    drive(noSkip, BODY, EOM);

    MilterSession session = negotiated();
    drive(session, CONNECT, MAIL);
    session.accept(RCPT);
    assertThat(session.outgoing(new Verdict.Skip())).isEqualTo(new Verdict.Continue());
  }

  @Test
  void outOfOrderCommandsAreProtocolErrors() {
    MilterSession fresh = new MilterSession(MilterRequirements.none());
    assertOutOfOrder(fresh, CONNECT);
    assertOutOfOrder(negotiated(), POSTFIX_OFFER);
    assertOutOfOrder(negotiated(), MAIL);

    MilterSession session = negotiated();
    drive(session, CONNECT);
    assertOutOfOrder(session, CONNECT);
    assertOutOfOrder(session, RCPT);
    assertOutOfOrder(session, EOM);

    MilterSession content = negotiated();
    drive(content, CONNECT, MAIL, RCPT, DATA);
    assertOutOfOrder(content, BODY);
    assertOutOfOrder(content, MAIL);
    assertOutOfOrder(content, HELO);
    assertOutOfOrder(content, new MilterCommand.UnknownCommand("XYZZY"));
    drive(content, HEADER, EOH, BODY);
    assertOutOfOrder(content, HEADER);
    assertOutOfOrder(content, EOH);
  }

  @Test
  void aCommandWhileAVerdictIsOutstandingIsAProtocolError() {
    MilterSession session = negotiated();
    session.accept(CONNECT);
    assertOutOfOrder(session, HELO);
  }

  @Test
  void postfixOrdersAreAccepted() {
    // No HELO at all, DATA before headers, repeated HELO, unknown commands between steps.
    drive(
        negotiated(),
        CONNECT,
        MAIL,
        RCPT,
        DATA,
        HEADER,
        EOH,
        BODY,
        BODY,
        EOM,
        MAIL,
        RCPT,
        DATA,
        EOH,
        EOM);
    drive(
        negotiated(),
        CONNECT,
        HELO,
        HELO,
        new MilterCommand.UnknownCommand("XYZZY"),
        MAIL,
        RCPT,
        EOM);
    // HELO after MAIL: Postfix sends ABORT next.
    MilterSession session = negotiated();
    drive(session, CONNECT, MAIL, RCPT, HELO);
    assertThat(session.accept(ABORT)).isEqualTo(new SessionStep.AbortMessage());
    drive(session, MAIL, RCPT, DATA, EOH, EOM);
    // Headers straight after RCPT: an MTA that does not send DATA.
    drive(negotiated(), CONNECT, MAIL, RCPT, HEADER, EOH, EOM);
  }

  @Test
  void negotiatedStepSuppressionLetsTheSessionSkipThoseSteps() {
    MilterRequirements requirements =
        MilterRequirements.none()
            .withFlags(
                ProtocolFlag.NO_CONNECT, ProtocolFlag.NO_MAIL, ProtocolFlag.NO_END_OF_HEADERS);
    MilterSession session = negotiated(requirements, POSTFIX_OFFER);
    drive(session, macros('C', "j", "mx"), RCPT, DATA, HEADER, BODY, EOM);
    assertThat(session.macro("j")).contains("mx");

    // Without NO_END_OF_HEADERS a body straight after a header is out of order.
    MilterSession strict = negotiated();
    drive(strict, CONNECT, MAIL, RCPT, DATA, HEADER);
    assertOutOfOrder(strict, BODY);
  }

  @Test
  void aDecidedMessageTakesNoMoreMessageStepsButANewMail() {
    MilterSession session = negotiated();
    drive(session, CONNECT, MAIL, RCPT);
    session.accept(RCPT);
    session.outgoing(new Verdict.Reject());
    drive(session, RCPT, DATA);
    session.accept(HEADER);
    session.outgoing(new Verdict.Accept());
    // Postfix sends nothing more for this message; the next one may start without ABORT.
    assertOutOfOrder(session, HEADER);
    SessionStep step = session.accept(MAIL);
    assertThat(((SessionStep.Dispatch) step).abortsPreviousMessage()).isTrue();
  }

  @Test
  void aRejectedConnectionTakesNothingButQuit() {
    MilterSession session = negotiated();
    session.accept(CONNECT);
    session.outgoing(new Verdict.Tempfail());
    assertOutOfOrder(session, HELO);
    assertThat(session.accept(new MilterCommand.Quit()))
        .isEqualTo(new SessionStep.ConnectionEnded(false));
  }

  @Test
  void modificationsNeedEndOfMessageAndTheirAction() {
    MilterSession session = negotiated();
    drive(session, CONNECT, MAIL);
    session.accept(RCPT);
    MessageModification header = new MessageModification.AddHeader("X-Postern", "yes");
    assertThatThrownBy(() -> session.requirePermitted(header))
        .isInstanceOf(IllegalStateException.class);
    session.outgoing(new Verdict.Continue());
    session.accept(EOM);
    session.requirePermitted(header);
    assertThatThrownBy(
            () -> session.requirePermitted(new MessageModification.AddRecipient("<x@y>")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ADD_RECIPIENT");
  }
}
