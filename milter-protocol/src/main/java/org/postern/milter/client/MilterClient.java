package org.postern.milter.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.postern.common.address.ListenAddress;
import org.postern.milter.codec.MilterProtocolException;
import org.postern.milter.command.AddressFamily;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.command.WireText;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.NegotiatedOptions;
import org.postern.milter.negotiation.Negotiator;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.MilterReply;
import org.postern.milter.reply.NegotiationReply;
import org.postern.milter.reply.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One negotiated connection to a milter, driven the way an MTA does: {@link #connect}, {@link
 * #helo}, {@link #mail}, {@link #rcpt}, {@link #data}, {@link #header}, {@link #endOfHeaders},
 * {@link #body}, {@link #endOfMessage}, then {@link #reset()} for the next SMTP session on the same
 * socket, or {@link #quit()}.
 *
 * <p>Calls may be made without waiting: they queue and go out in order. Each returns the milter's
 * answer to that step. Steps the milter asked not to get are not sent and answer CONTINUE; steps it
 * will not reply to are sent without waiting. Once the milter decided the connection (a
 * non-CONTINUE verdict at CONNECT or HELO) or the message (at MAIL, DATA, headers, body, or
 * ACCEPT/DISCARD at RCPT), later steps of that scope are not sent and answer that verdict.
 *
 * <p>A timeout, a protocol violation or a lost connection fails the pending and all later calls
 * with {@link MilterClientException} or {@link MilterProtocolException} and closes the connection;
 * the MTA should then answer a temporary failure.
 */
public final class MilterClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MilterClient.class);
  private static final Verdict CONTINUE = new Verdict.Continue();
  private static final Verdict SKIP = new Verdict.Skip();

  private final Channel channel;
  private final ListenAddress address;
  private final ClientSettings settings;
  private final Object queueLock = new Object();
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  // Everything below is touched on the channel's event loop only, except the volatile fields.
  private volatile NegotiatedOptions options;
  private volatile boolean closed;
  private Throwable closeCause;
  private Pending pending;
  private final Map<MacroStage, Map<String, String>> macros = new EnumMap<>(MacroStage.class);
  private Verdict connectionVerdict;
  private Verdict messageVerdict;
  private boolean messageOpen;
  private boolean bodySkipped;

  MilterClient(Channel channel, ListenAddress address, ClientSettings settings) {
    this.channel = channel;
    this.address = address;
    this.settings = settings;
    channel.pipeline().addLast("client", new ReplyHandler());
  }

  /** The negotiated version, actions, protocol bits and macro lists. */
  public NegotiatedOptions options() {
    NegotiatedOptions negotiated = options;
    if (negotiated == null) {
      throw new IllegalStateException("not negotiated yet");
    }
    return negotiated;
  }

  /** The milter's address. */
  public ListenAddress address() {
    return address;
  }

  /** Whether the connection is usable: not failed, quit or closed. */
  public boolean isOpen() {
    return !closed;
  }

  /**
   * Sets the macros sent with every following step of {@code stage} (replacing earlier ones), e.g.
   * {@code j} and {@code {daemon_name}} at CONNECT, {@code i} and {@code {auth_authen}} at MAIL.
   * When the milter chose macro lists (SETSYMLIST), only the names it asked for are sent.
   */
  public MilterClient macros(MacroStage stage, Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach(
        (name, value) ->
            copy.put(
                WireText.requireEncodable("macro name", name),
                WireText.requireEncodable("macro value", value)));
    enqueue(
        () -> {
          macros.put(stage, copy);
          return CompletableFuture.completedFuture(null);
        },
        false);
    return this;
  }

  /** CONNECT: the SMTP client's name, address family, address and port. */
  public CompletionStage<Verdict> connect(
      String hostname, AddressFamily family, String address, int port) {
    MilterCommand.Connect command =
        family == AddressFamily.UNKNOWN
            ? MilterCommand.Connect.unknown(hostname)
            : new MilterCommand.Connect(hostname, family, port, address);
    return step(ClientStep.CONNECT, command);
  }

  /** CONNECT for a TCP client at {@code client}. */
  public CompletionStage<Verdict> connect(String hostname, InetSocketAddress client) {
    AddressFamily family =
        client.getAddress() instanceof Inet6Address ? AddressFamily.INET6 : AddressFamily.INET;
    return connect(hostname, family, client.getAddress().getHostAddress(), client.getPort());
  }

  /** HELO or EHLO with the name the client gave. */
  public CompletionStage<Verdict> helo(String name) {
    return step(ClientStep.HELO, new MilterCommand.Helo(name));
  }

  /**
   * MAIL FROM: starts a new message (an unfinished one is aborted first); {@code sender} as given,
   * usually in angle brackets.
   */
  public CompletionStage<Verdict> mail(String sender, List<String> esmtpArguments) {
    MilterCommand.Mail command = new MilterCommand.Mail(sender, esmtpArguments);
    return enqueue(
        () -> {
          if (connectionVerdict == null && messageOpen) {
            write(new MilterCommand.Abort());
          }
          resetMessage();
          messageOpen = true;
          return exchange(ClientStep.MAIL, command);
        },
        false);
  }

  /**
   * RCPT TO: the milter's verdict for this recipient; REJECT, TEMPFAIL and a reply code refuse only
   * this recipient.
   */
  public CompletionStage<Verdict> rcpt(String recipient, List<String> esmtpArguments) {
    return step(ClientStep.RCPT, new MilterCommand.Recipient(recipient, esmtpArguments));
  }

  /** DATA. */
  public CompletionStage<Verdict> data() {
    return step(ClientStep.DATA, new MilterCommand.Data());
  }

  /**
   * One header, {@code value} as it follows the colon (folded lines joined by {@code \n}, as
   * Postfix and Sendmail send them). Leading blanks are removed unless the milter negotiated
   * HDR_LEADSPC, which wants the value exactly as written.
   */
  public CompletionStage<Verdict> header(String name, String value) {
    WireText.requireEncodable("header name", name);
    WireText.requireEncodable("header value", value);
    return enqueue(
        () -> {
          String sent =
              options.has(ProtocolFlag.HEADER_LEADING_SPACE) ? value : stripLeadingBlanks(value);
          return exchange(ClientStep.HEADER, new MilterCommand.Header(name, sent));
        },
        false);
  }

  /** End of headers. */
  public CompletionStage<Verdict> endOfHeaders() {
    return step(ClientStep.END_OF_HEADERS, new MilterCommand.EndOfHeaders());
  }

  /**
   * A piece of the body (CRLF line endings), sent in chunks of at most 65535 bytes. Answers SKIP
   * when the milter wants no more body; later calls then send nothing and answer SKIP too.
   */
  public CompletionStage<Verdict> body(byte[] bytes) {
    byte[] copy = bytes.clone();
    return enqueue(
        () -> {
          Verdict decided = decided(ClientStep.BODY);
          if (decided != null) {
            return CompletableFuture.completedFuture(decided);
          }
          if (options.has(ProtocolFlag.NO_BODY)) {
            return CompletableFuture.completedFuture(CONTINUE);
          }
          if (bodySkipped) {
            return CompletableFuture.completedFuture(SKIP);
          }
          return sendBody(copy, 0);
        },
        false);
  }

  /**
   * End of message: completes with the final verdict and the modifications in order. PROGRESS
   * replies restart the timeout. A message decided earlier answers that verdict without asking.
   */
  public CompletionStage<MilterResult> endOfMessage() {
    return enqueue(
        () -> {
          Verdict decided = decided(ClientStep.END_OF_MESSAGE);
          if (decided != null) {
            return CompletableFuture.completedFuture(new MilterResult(decided, List.of(), 0));
          }
          Pending awaited = send(ClientStep.END_OF_MESSAGE, new MilterCommand.EndOfMessage(), true);
          return awaited.reply.thenApply(
              reply -> {
                resetMessage();
                return new MilterResult((Verdict) reply, awaited.modifications, awaited.progress);
              });
        },
        false);
  }

  /**
   * The content of a message: every header, end of headers, the body, end of message. Call after
   * {@link #data()} (or after the recipients when the MTA sends no DATA).
   */
  public CompletionStage<MilterResult> content(MessageContent message) {
    for (MessageContent.Header header : message.headers()) {
      header(header.name(), header.value());
    }
    endOfHeaders();
    body(message.body());
    return endOfMessage();
  }

  /** An SMTP command the MTA did not recognise; the verdict concerns that command only. */
  public CompletionStage<Verdict> unknown(String command) {
    return step(ClientStep.UNKNOWN, new MilterCommand.UnknownCommand(command));
  }

  /** ABORT: the current message is abandoned (sent only if one is open); no reply comes. */
  public CompletionStage<Void> abort() {
    return enqueue(
        () -> {
          if (connectionVerdict == null && messageOpen) {
            write(new MilterCommand.Abort());
          }
          resetMessage();
          return CompletableFuture.completedFuture(null);
        },
        false);
  }

  /**
   * QUIT_NC: ends this SMTP session and keeps the socket for the next one, which starts with {@link
   * #connect}; negotiation and macro lists stay, macros set with {@link #macros} are cleared.
   * libmilter-based milters (opendkim...) silently ignore QUIT_NC, and the CONNECT after it, unless
   * the last message ended with CONTINUE; for them open a new connection instead.
   */
  public CompletionStage<Void> reset() {
    return enqueue(
        () -> {
          write(new MilterCommand.QuitNewConnection());
          resetMessage();
          connectionVerdict = null;
          macros.clear();
          return CompletableFuture.completedFuture(null);
        },
        false);
  }

  /** QUIT, then closes the connection; completes once it is closed (at once if it already is). */
  public CompletionStage<Void> quit() {
    return enqueue(
        () -> {
          CompletableFuture<Void> done = new CompletableFuture<>();
          if (closed) {
            done.complete(null);
            return done;
          }
          closed = true;
          closeCause = new MilterConnectionException("the client quit");
          channel
              .writeAndFlush(new MilterCommand.Quit())
              .addListener(written -> channel.close().addListener(c -> done.complete(null)));
          return done;
        },
        true);
  }

  /** Closes the connection at once without QUIT; pending calls fail. */
  @Override
  public void close() {
    channel
        .eventLoop()
        .execute(() -> shutDown(new MilterConnectionException("the client was closed"), false));
  }

  CompletionStage<NegotiatedOptions> negotiate() {
    return enqueue(
        () -> {
          MilterCommand.OptionNegotiation offer =
              new MilterCommand.OptionNegotiation(
                  Negotiator.PROTOCOL_VERSION,
                  settings.offeredActions(),
                  settings.offeredProtocol());
          Pending awaited = send(ClientStep.NEGOTIATE, offer, true);
          return awaited.reply.thenApply(reply -> accept(offer, (NegotiationReply) reply));
        },
        false);
  }

  /** The cause of a failed stage, without the CompletionException or ExecutionException. */
  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private NegotiatedOptions accept(MilterCommand.OptionNegotiation offer, NegotiationReply answer) {
    String problem = null;
    if (answer.version() < Negotiator.MINIMUM_VERSION || answer.version() > offer.version()) {
      problem =
          "the milter answered protocol version "
              + answer.version()
              + ", outside "
              + Negotiator.MINIMUM_VERSION
              + ".."
              + offer.version();
    } else if ((answer.actions() & ~offer.actions()) != 0) {
      problem =
          String.format(
              "the milter asks for actions 0x%x that were not offered (offered 0x%x)",
              answer.actions() & ~offer.actions(), offer.actions());
    } else if ((answer.protocol() & ~offer.protocol()) != 0) {
      problem =
          String.format(
              "the milter asks for protocol bits 0x%x that were not offered (offered 0x%x)",
              answer.protocol() & ~offer.protocol(), offer.protocol());
    }
    if (problem != null) {
      MilterNegotiationException failure =
          new MilterNegotiationException(problem + " at " + address);
      shutDown(failure, true);
      throw failure;
    }
    NegotiatedOptions negotiated =
        new NegotiatedOptions(
            offer.version(),
            offer.actions(),
            offer.protocol(),
            answer.version(),
            answer.actions(),
            answer.protocol(),
            answer.macroLists());
    options = negotiated;
    LOG.debug(
        "milter {} negotiated version {}, actions 0x{}, protocol 0x{}, macros {}",
        address,
        answer.version(),
        Integer.toHexString(answer.actions()),
        Integer.toHexString(answer.protocol()),
        answer.macroLists());
    return negotiated;
  }

  private CompletionStage<Verdict> step(ClientStep step, MilterCommand command) {
    return enqueue(() -> exchange(step, command), false);
  }

  /** Sends one step unless decided or switched off, and records what the answer decides. */
  private CompletableFuture<Verdict> exchange(ClientStep step, MilterCommand command) {
    Verdict decided = decided(step);
    if (decided != null) {
      return CompletableFuture.completedFuture(decided);
    }
    if (step.suppression().map(options::has).orElse(false)) {
      return CompletableFuture.completedFuture(CONTINUE);
    }
    boolean replied = !step.noReply().map(options::has).orElse(false);
    Pending awaited = send(step, command, replied);
    if (awaited == null) {
      return CompletableFuture.completedFuture(CONTINUE);
    }
    return awaited.reply.thenApply(reply -> record(step, (Verdict) reply));
  }

  private CompletableFuture<Verdict> sendBody(byte[] body, int offset) {
    int position = offset;
    boolean replied = !options.has(ProtocolFlag.NO_REPLY_BODY);
    while (position < body.length) {
      int end = Math.min(body.length, position + MessageModification.ReplaceBody.MAX_CHUNK);
      MilterCommand.BodyChunk chunk =
          new MilterCommand.BodyChunk(Arrays.copyOfRange(body, position, end));
      Pending awaited = send(ClientStep.BODY, chunk, replied);
      if (awaited != null) {
        return awaited.reply.thenCompose(
            reply -> {
              Verdict verdict = record(ClientStep.BODY, (Verdict) reply);
              if (verdict instanceof Verdict.Continue && end < body.length) {
                return sendBody(body, end);
              }
              return CompletableFuture.completedFuture(verdict);
            });
      }
      position = end;
    }
    return CompletableFuture.completedFuture(CONTINUE);
  }

  /** The verdict that already decides {@code step}'s scope, if any. */
  private Verdict decided(ClientStep step) {
    if (connectionVerdict != null) {
      return connectionVerdict;
    }
    boolean messageStep = step.compareTo(ClientStep.MAIL) >= 0 && step != ClientStep.UNKNOWN;
    return messageStep ? messageVerdict : null;
  }

  private Verdict record(ClientStep step, Verdict verdict) {
    if (verdict instanceof Verdict.Continue) {
      return verdict;
    }
    if (verdict instanceof Verdict.Skip) {
      bodySkipped = true;
    } else if (verdict instanceof Verdict.Shutdown
        || verdict instanceof Verdict.ConnectionFailure
        || step == ClientStep.CONNECT
        || step == ClientStep.HELO) {
      connectionVerdict = verdict;
    } else if (step == ClientStep.RCPT) {
      // REJECT, TEMPFAIL and a reply code refuse one recipient; ACCEPT and DISCARD the message.
      if (verdict instanceof Verdict.Accept || verdict instanceof Verdict.Discard) {
        messageVerdict = verdict;
      }
    } else if (step != ClientStep.UNKNOWN) {
      messageVerdict = verdict;
    }
    return verdict;
  }

  private void resetMessage() {
    messageOpen = false;
    messageVerdict = null;
    bodySkipped = false;
  }

  /** Writes the step's macros and the command in one flush; returns what awaits the reply. */
  private Pending send(ClientStep step, MilterCommand command, boolean replied) {
    if (pending != null) {
      throw new IllegalStateException("a reply to " + pending.step + " is still outstanding");
    }
    step.macroStage()
        .ifPresent(
            stage -> {
              Map<String, String> values = macrosFor(stage);
              if (!values.isEmpty()) {
                channel.write(new MilterCommand.MacroDefinition(stage.commandCode(), values));
              }
            });
    Pending awaited = null;
    if (replied) {
      awaited = new Pending(step);
      pending = awaited;
      startTimer(awaited);
    }
    write(command);
    return awaited;
  }

  private void write(MilterCommand command) {
    channel
        .writeAndFlush(command)
        .addListener(
            written -> {
              if (!written.isSuccess()) {
                shutDown(
                    new MilterConnectionException(
                        "cannot write to the milter at " + address, written.cause()),
                    true);
              }
            });
  }

  private Map<String, String> macrosFor(MacroStage stage) {
    Map<String, String> values = macros.getOrDefault(stage, Map.of());
    List<String> wanted = options == null ? null : options.macroLists().get(stage);
    if (wanted == null || values.isEmpty()) {
      return values;
    }
    Set<String> names = new HashSet<>();
    wanted.forEach(name -> names.add(bare(name)));
    Map<String, String> chosen = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (names.contains(bare(name))) {
            chosen.put(name, value);
          }
        });
    return chosen;
  }

  // Milters write long macro names with or without braces: {auth_authen} or auth_authen.
  private static String bare(String name) {
    return name.startsWith("{") && name.endsWith("}") && name.length() > 2
        ? name.substring(1, name.length() - 1)
        : name;
  }

  private static String stripLeadingBlanks(String value) {
    int start = 0;
    while (start < value.length() && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    return value.substring(start);
  }

  private void startTimer(Pending awaited) {
    if (awaited.timer != null) {
      awaited.timer.cancel(false);
    }
    Duration timeout = settings.timeout(awaited.step);
    awaited.timer =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  if (pending == awaited) {
                    shutDown(new MilterTimeoutException(awaited.step, timeout), true);
                  }
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
  }

  private void onReply(MilterReply reply) {
    if (closed) {
      return;
    }
    Pending awaited = pending;
    if (awaited == null) {
      violation("reply " + describe(reply) + " while no command awaits one");
      return;
    }
    if (reply instanceof MilterReply.Progress) {
      awaited.progress++;
      startTimer(awaited);
      return;
    }
    if ((awaited.step == ClientStep.NEGOTIATE) != (reply instanceof NegotiationReply)) {
      violation("reply " + describe(reply) + " to " + awaited.step);
      return;
    }
    if (reply instanceof MessageModification modification) {
      if (awaited.step != ClientStep.END_OF_MESSAGE) {
        violation("modification " + describe(reply) + " before end of message");
      } else if (!options.allows(modification.requiredAction())) {
        violation(
            "modification "
                + describe(reply)
                + " needs action "
                + modification.requiredAction()
                + ", which was not negotiated");
      } else {
        awaited.modifications.add(modification);
      }
      return;
    }
    if (reply instanceof Verdict.Skip
        && (awaited.step != ClientStep.BODY || !options.mtaUnderstandsSkip())) {
      violation("SKIP in reply to " + awaited.step);
      return;
    }
    pending = null;
    awaited.timer.cancel(false);
    awaited.reply.complete(reply);
  }

  private void violation(String message) {
    shutDown(
        new MilterProtocolException(
            MilterProtocolException.Reason.OUT_OF_ORDER, "milter at " + address + ": " + message),
        true);
  }

  private static String describe(MilterReply reply) {
    return "'" + reply.code() + "' (" + reply.getClass().getSimpleName() + ")";
  }

  /** Fails the outstanding and all later calls with {@code cause} and closes the connection. */
  private void shutDown(Throwable cause, boolean log) {
    if (closed) {
      return;
    }
    closed = true;
    closeCause = cause;
    if (log) {
      LOG.warn("closing the connection to the milter: {}", cause.getMessage());
    }
    Pending awaited = pending;
    pending = null;
    if (awaited != null) {
      if (awaited.timer != null) {
        awaited.timer.cancel(false);
      }
      awaited.reply.completeExceptionally(cause);
    }
    channel.close();
  }

  /** Runs {@code operation} on the event loop after every earlier call finished. */
  private <T> CompletableFuture<T> enqueue(
      Supplier<CompletableFuture<T>> operation, boolean evenWhenClosed) {
    synchronized (queueLock) {
      CompletableFuture<T> next =
          tail.handle((ignored, failure) -> null)
              .thenComposeAsync(
                  ignored -> {
                    if (closed && !evenWhenClosed) {
                      return CompletableFuture.<T>failedFuture(
                          new MilterConnectionException(
                              "the connection to the milter at " + address + " is closed",
                              closeCause));
                    }
                    return operation.get();
                  },
                  channel.eventLoop());
      tail = next;
      return next;
    }
  }

  /** A command waiting for its reply, gathering modifications and PROGRESS on the way. */
  private static final class Pending {
    final ClientStep step;
    final CompletableFuture<MilterReply> reply = new CompletableFuture<>();
    final List<MessageModification> modifications = new ArrayList<>();
    int progress;
    ScheduledFuture<?> timer;

    Pending(ClientStep step) {
      this.step = step;
    }
  }

  /** Hands decoded replies, errors and the end of the connection to the client. */
  private final class ReplyHandler extends SimpleChannelInboundHandler<MilterReply> {
    @Override
    protected void channelRead0(ChannelHandlerContext context, MilterReply reply) {
      onReply(reply);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      shutDown(
          cause instanceof MilterProtocolException
              ? cause
              : new MilterConnectionException(
                  "connection to the milter at " + address + " failed: " + cause.getMessage(),
                  cause),
          true);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
      // An idle connection closing (milter restart, event loop shut down) is worth no warning.
      shutDown(
          new MilterConnectionException("the milter at " + address + " closed the connection"),
          pending != null);
      context.fireChannelInactive();
    }
  }
}
