package org.postern.milter.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postern.milter.codec.MilterProtocolException;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.NegotiatedOptions;
import org.postern.milter.negotiation.NegotiationException;
import org.postern.milter.negotiation.Negotiator;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.Verdict;

/**
 * The server side of one milter connection as a pure state machine: feed it each decoded command
 * with {@link #accept} and do what the returned {@link SessionStep} says; pass each handler verdict
 * through {@link #outgoing} to learn what goes on the wire. Not thread-safe: drive it from the
 * connection's event loop.
 *
 * <p>Order rules follow libmilter's transition table, strictly (a violation raises {@link
 * MilterProtocolException} with reason OUT_OF_ORDER instead of being skipped), and Postfix's
 * habits: HELO may be missing or repeated, HELO may arrive inside an envelope (Postfix sends ABORT
 * next), DATA may be missing, headers and body may be empty, and steps the negotiation switched off
 * (or the MTA's version never sends) are skipped over.
 */
public final class MilterSession {

  private enum Position {
    AWAITING_NEGOTIATION,
    NEGOTIATED,
    CONNECT,
    HELO,
    MAIL,
    RCPT,
    DATA,
    HEADER,
    END_OF_HEADERS,
    BODY,
    END_OF_MESSAGE,
    CONNECTION_DECIDED,
    CLOSED
  }

  // The positions in protocol order, used to skip over steps that never come.
  private static final List<Position> ORDER =
      List.of(
          Position.NEGOTIATED,
          Position.CONNECT,
          Position.HELO,
          Position.MAIL,
          Position.RCPT,
          Position.DATA,
          Position.HEADER,
          Position.END_OF_HEADERS,
          Position.BODY,
          Position.END_OF_MESSAGE);

  private static final Map<Position, Set<Position>> NEXT = new EnumMap<>(Position.class);

  static {
    NEXT.put(Position.NEGOTIATED, EnumSet.of(Position.CONNECT));
    NEXT.put(Position.CONNECT, EnumSet.of(Position.HELO, Position.MAIL));
    NEXT.put(Position.HELO, EnumSet.of(Position.HELO, Position.MAIL));
    NEXT.put(Position.MAIL, EnumSet.of(Position.RCPT, Position.MAIL, Position.HELO));
    NEXT.put(
        Position.RCPT,
        EnumSet.of(
            Position.RCPT,
            Position.DATA,
            Position.HEADER,
            Position.END_OF_HEADERS,
            Position.BODY,
            Position.END_OF_MESSAGE,
            Position.MAIL,
            Position.HELO));
    NEXT.put(Position.DATA, EnumSet.of(Position.HEADER, Position.END_OF_HEADERS));
    NEXT.put(Position.HEADER, EnumSet.of(Position.HEADER, Position.END_OF_HEADERS));
    NEXT.put(Position.END_OF_HEADERS, EnumSet.of(Position.BODY, Position.END_OF_MESSAGE));
    NEXT.put(Position.BODY, EnumSet.of(Position.BODY, Position.END_OF_MESSAGE));
    NEXT.put(Position.END_OF_MESSAGE, EnumSet.of(Position.MAIL, Position.HELO));
  }

  private final MilterRequirements requirements;
  private final Map<MacroStage, Map<String, String>> macros = new EnumMap<>(MacroStage.class);
  private final List<MilterCommand.Recipient> recipients = new ArrayList<>();
  private NegotiatedOptions options;
  private Position position = Position.AWAITING_NEGOTIATION;
  private boolean inMessage;
  private boolean bodySkipped;
  private Stage awaitingVerdict;
  private MilterCommand.Connect connect;
  private String heloName;
  private MilterCommand.Mail mail;

  /** A session whose handlers need {@code requirements}. */
  public MilterSession(MilterRequirements requirements) {
    this.requirements = requirements;
  }

  /**
   * Takes the next command from the MTA.
   *
   * @throws MilterProtocolException (OUT_OF_ORDER) when the command is not allowed now
   * @throws NegotiationException when OPTNEG offers less than the handlers require
   */
  public SessionStep accept(MilterCommand command) {
    if (position == Position.CLOSED) {
      throw outOfOrder(command, "after QUIT");
    }
    if (awaitingVerdict != null) {
      throw outOfOrder(command, "while the reply to " + awaitingVerdict + " is outstanding");
    }
    if (position == Position.AWAITING_NEGOTIATION) {
      if (command instanceof MilterCommand.OptionNegotiation offer) {
        options = Negotiator.negotiate(offer, requirements);
        position = Position.NEGOTIATED;
        return new SessionStep.Negotiated(options);
      }
      if (command instanceof MilterCommand.Quit) {
        position = Position.CLOSED;
        return new SessionStep.ConnectionEnded(false);
      }
      throw outOfOrder(command, "before option negotiation");
    }
    if (command instanceof MilterCommand.OptionNegotiation) {
      throw outOfOrder(command, "after negotiation was done");
    } else if (command instanceof MilterCommand.MacroDefinition definition) {
      MacroStage.ofCommandCode(definition.commandCode())
          .ifPresent(stage -> macros.put(stage, definition.macros()));
      return new SessionStep.NoAction();
    } else if (command instanceof MilterCommand.Connect connectCommand) {
      moveTo(Position.CONNECT, command);
      connect = connectCommand;
      return dispatch(Stage.CONNECT, command, false);
    } else if (command instanceof MilterCommand.Helo helo) {
      moveTo(Position.HELO, command);
      heloName = helo.name();
      return dispatch(Stage.HELO, command, false);
    } else if (command instanceof MilterCommand.Mail mailCommand) {
      moveTo(Position.MAIL, command);
      boolean abortsPrevious = inMessage;
      startMessage();
      mail = mailCommand;
      return dispatch(Stage.MAIL, command, abortsPrevious);
    } else if (command instanceof MilterCommand.Recipient recipient) {
      moveTo(Position.RCPT, command);
      if (!inMessage) {
        startMessage();
      }
      recipients.add(recipient);
      return dispatch(Stage.RCPT, command, false);
    } else if (command instanceof MilterCommand.Data) {
      moveTo(Position.DATA, command);
      return dispatch(Stage.DATA, command, false);
    } else if (command instanceof MilterCommand.Header) {
      moveTo(Position.HEADER, command);
      return dispatch(Stage.HEADER, command, false);
    } else if (command instanceof MilterCommand.EndOfHeaders) {
      moveTo(Position.END_OF_HEADERS, command);
      return dispatch(Stage.END_OF_HEADERS, command, false);
    } else if (command instanceof MilterCommand.BodyChunk) {
      if (bodySkipped) {
        throw outOfOrder(command, "after the milter answered SKIP");
      }
      moveTo(Position.BODY, command);
      return dispatch(Stage.BODY, command, false);
    } else if (command instanceof MilterCommand.EndOfMessage) {
      moveTo(Position.END_OF_MESSAGE, command);
      inMessage = false;
      return dispatch(Stage.END_OF_MESSAGE, command, false);
    } else if (command instanceof MilterCommand.Abort) {
      return abort();
    } else if (command instanceof MilterCommand.UnknownCommand) {
      if (!Set.of(
              Position.NEGOTIATED,
              Position.CONNECT,
              Position.HELO,
              Position.MAIL,
              Position.RCPT,
              Position.END_OF_MESSAGE)
          .contains(position)) {
        throw outOfOrder(command, "after " + position);
      }
      return dispatch(Stage.UNKNOWN, command, false);
    } else if (command instanceof MilterCommand.Quit) {
      position = Position.CLOSED;
      return new SessionStep.ConnectionEnded(false);
    } else {
      // QUIT_NC: a fresh SMTP connection on the same socket; negotiation stays.
      clearMessage();
      macros.clear();
      connect = null;
      heloName = null;
      position = Position.NEGOTIATED;
      return new SessionStep.ConnectionEnded(true);
    }
  }

  /**
   * The verdict to send for the step that awaits one, given the handlers' {@code verdict}: SKIP
   * becomes CONTINUE unless it answers a body chunk and the MTA understands it. Records what the
   * verdict decides (a rejected connection, a finished message, skipped body).
   *
   * @throws IllegalStateException when no step awaits a verdict
   */
  public Verdict outgoing(Verdict verdict) {
    if (awaitingVerdict == null) {
      throw new IllegalStateException("no step awaits a verdict");
    }
    Stage stage = awaitingVerdict;
    awaitingVerdict = null;
    if (verdict instanceof Verdict.Skip) {
      if (stage == Stage.BODY && options.mtaUnderstandsSkip()) {
        bodySkipped = true;
        return verdict;
      }
      return new Verdict.Continue();
    }
    if (verdict instanceof Verdict.Continue) {
      return verdict;
    }
    if (verdict instanceof Verdict.Shutdown || verdict instanceof Verdict.ConnectionFailure) {
      position = Position.CONNECTION_DECIDED;
    } else if (stage == Stage.CONNECT || stage == Stage.HELO) {
      position = Position.CONNECTION_DECIDED;
    } else if (stage == Stage.RCPT) {
      // REJECT, TEMPFAIL and a reply code refuse one recipient; the message goes on.
      if (verdict instanceof Verdict.Accept || verdict instanceof Verdict.Discard) {
        position = Position.END_OF_MESSAGE;
      }
    } else if (stage.isMessageStage()) {
      // The MTA sends nothing more for a message a milter decided on.
      position = Position.END_OF_MESSAGE;
    }
    return verdict;
  }

  /**
   * Checks that {@code modification} may be sent now: at end of message, with its action
   * negotiated.
   *
   * @throws IllegalStateException when it may not
   */
  public void requirePermitted(MessageModification modification) {
    if (awaitingVerdict != Stage.END_OF_MESSAGE) {
      throw new IllegalStateException("modifications are only allowed at end of message");
    }
    if (!options.allows(modification.requiredAction())) {
      throw new IllegalStateException(
          "action " + modification.requiredAction() + " was not negotiated");
    }
  }

  /** The negotiated options, once OPTNEG was answered. */
  public Optional<NegotiatedOptions> negotiatedOptions() {
    return Optional.ofNullable(options);
  }

  /** The stage whose verdict is outstanding, if any. */
  public Optional<Stage> awaitingVerdict() {
    return Optional.ofNullable(awaitingVerdict);
  }

  /** Whether a message transaction is in progress (between MAIL and end of message or ABORT). */
  public boolean inMessage() {
    return inMessage;
  }

  /** The macros last defined for {@code stage}, in the MTA's order. */
  public Map<String, String> macros(MacroStage stage) {
    return macros.getOrDefault(stage, Map.of());
  }

  /**
   * The value of macro {@code name} ({@code i} and {@code {i}} are the same), from the latest stage
   * that defines it.
   */
  public Optional<String> macro(String name) {
    String bare =
        name.startsWith("{") && name.endsWith("}") && name.length() > 2
            ? name.substring(1, name.length() - 1)
            : name;
    List<MacroStage> latestFirst = new ArrayList<>(List.of(MacroStage.values()));
    Collections.reverse(latestFirst);
    // End of message is the last stage in time, though its SMFIM number is below end of headers.
    latestFirst.remove(MacroStage.END_OF_MESSAGE);
    latestFirst.add(0, MacroStage.END_OF_MESSAGE);
    for (MacroStage stage : latestFirst) {
      Map<String, String> values = macros(stage);
      String value = values.get(bare);
      if (value == null) {
        value = values.get("{" + bare + "}");
      }
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The CONNECT of the current SMTP connection, if the MTA sent one. */
  public Optional<MilterCommand.Connect> connect() {
    return Optional.ofNullable(connect);
  }

  /** The latest HELO name of the current SMTP connection. */
  public Optional<String> heloName() {
    return Optional.ofNullable(heloName);
  }

  /** The MAIL of the current or last message. */
  public Optional<MilterCommand.Mail> mail() {
    return Optional.ofNullable(mail);
  }

  /** The recipients of the current or last message, in order. */
  public List<MilterCommand.Recipient> recipients() {
    return List.copyOf(recipients);
  }

  private SessionStep dispatch(Stage stage, MilterCommand command, boolean abortsPrevious) {
    stage
        .clearsMacrosAfter()
        .ifPresent(
            own -> {
              for (MacroStage later : MacroStage.values()) {
                if (later.number() > own.number()) {
                  macros.remove(later);
                }
              }
            });
    boolean replyExpected = stage.noReplyFlag().map(flag -> !options.has(flag)).orElse(true);
    if (replyExpected) {
      awaitingVerdict = stage;
    }
    return new SessionStep.Dispatch(stage, command, replyExpected, abortsPrevious);
  }

  private SessionStep abort() {
    boolean hadMessage = inMessage;
    clearMessage();
    if (position != Position.NEGOTIATED && position != Position.CONNECTION_DECIDED) {
      position = Position.HELO;
    }
    return hadMessage ? new SessionStep.AbortMessage() : new SessionStep.NoAction();
  }

  // The new message's own macros arrived just before it; dispatch drops the later stages' ones.
  private void startMessage() {
    bodySkipped = false;
    mail = null;
    recipients.clear();
    inMessage = true;
  }

  private void clearMessage() {
    inMessage = false;
    bodySkipped = false;
    mail = null;
    recipients.clear();
    for (MacroStage stage : MacroStage.values()) {
      if (stage.isMessageStage()) {
        macros.remove(stage);
      }
    }
  }

  private void moveTo(Position target, MilterCommand command) {
    boolean betweenMessages = position == Position.CONNECT || position == Position.END_OF_MESSAGE;
    if (!reachable(position, target) && !(betweenMessages && reachable(Position.HELO, target))) {
      throw outOfOrder(command, "after " + position);
    }
    position = target;
  }

  private boolean reachable(Position from, Position target) {
    Position current = from;
    while (true) {
      if (NEXT.getOrDefault(current, Set.of()).contains(target)) {
        return true;
      }
      int index = ORDER.indexOf(current);
      if (index < 0 || index + 1 >= ORDER.size()) {
        return false;
      }
      Position following = ORDER.get(index + 1);
      if (!neverSent(following)) {
        return false;
      }
      current = following;
    }
  }

  // Whether the MTA may leave this step out: by negotiation, by its version, or by SMTP itself.
  private boolean neverSent(Position step) {
    switch (step) {
      case CONNECT:
        return options.suppresses(ProtocolFlag.NO_CONNECT);
      case MAIL:
        return options.suppresses(ProtocolFlag.NO_MAIL);
      case RCPT:
        return options.suppresses(ProtocolFlag.NO_RCPT);
      case DATA:
        return options.suppresses(ProtocolFlag.NO_DATA);
      case END_OF_HEADERS:
        return options.suppresses(ProtocolFlag.NO_END_OF_HEADERS);
      case HELO:
      case HEADER:
      case BODY:
        return true;
      default:
        return false;
    }
  }

  private static MilterProtocolException outOfOrder(MilterCommand command, String when) {
    return new MilterProtocolException(
        MilterProtocolException.Reason.OUT_OF_ORDER,
        command.getClass().getSimpleName() + " ('" + command.code() + "') is not allowed " + when);
  }
}
