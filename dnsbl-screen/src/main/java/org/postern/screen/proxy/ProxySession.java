package org.postern.screen.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.postern.common.server.InFlightRequests;
import org.postern.screen.ScreenSettings;
import org.postern.screen.access.AccessAction;
import org.postern.screen.address.ClientAddress;
import org.postern.screen.score.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to the proxy, as postscreen handles it: limits, access list and pass
 * caches; then the {@code 220-} teaser and the greet wait while DNSBL answers arrive; then either
 * the deep tests in a minimal SMTP dialogue (ending in 450, 550 or 521: the client must come back)
 * or the handoff to smtpd with XCLIENT and byte splicing.
 */
final class ProxySession extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ProxySession.class);

  /** Commands the proxy answers itself before it hangs up. */
  static final int MAX_COMMANDS = 20;

  private static final Set<String> NON_SMTP_VERBS =
      Set.of("GET", "POST", "PUT", "HEAD", "CONNECT", "OPTIONS", "USER", "PASS");

  // An HTTP header line such as "Host: example" is no SMTP command.
  private static final Pattern HEADER_LINE = Pattern.compile("^[^ :]+:.*");

  private enum State {
    STARTING,
    PASS_LOOKUP,
    GREET_WAIT,
    DIALOGUE,
    HANDOFF,
    SPLICED,
    CLOSED
  }

  /** A failed test, the action configured for it and the text of the refusal. */
  private record Failure(String test, TestAction action, String reply) {}

  private final ScreenProxy proxy;
  private final ScreenSettings settings;
  private State state = State.STARTING;
  private InetSocketAddress remote;
  private ClientAddress client;
  private String clientText;
  private boolean admitted;
  private LineBuffer lines;
  private ByteBuf early;
  private boolean dnsblDue;
  private boolean greetDue;
  private boolean deepDue;
  private boolean pregreeted;
  private CompletableFuture<Verdict> verdict;
  private ScheduledFuture<?> greetTimer;
  private final List<Failure> failures = new ArrayList<>();
  private String sender = "";
  private int commands;
  private Channel smtpd;
  private Splice splice;

  ProxySession(ScreenProxy proxy) {
    this.proxy = proxy;
    this.settings = proxy.settings();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    if (!(channel.remoteAddress() instanceof InetSocketAddress inet)) {
      channel.close();
      return;
    }
    remote = inet;
    client = ClientAddress.of(inet.getAddress().getAddress());
    clientText = inet.getAddress().getHostAddress();
    switch (proxy.limiter().admit(client)) {
      case TOO_MANY_TOTAL:
        proxy.count("overload");
        refuse(ctx, "421 4.3.2 Service currently unavailable");
        return;
      case TOO_MANY_FROM_CLIENT:
        proxy.count("client_limit");
        log.info("too many connections from [{}]", clientText);
        refuse(ctx, "421 4.7.0 Error: too many connections from " + clientText);
        return;
      default:
        admitted = true;
    }
    // In flight from the start: a server shutdown lets the tests finish and the session be handed
    // off (and spliced, until the grace deadline) instead of closing it under the client.
    InFlightRequests.begin(channel);
    AccessAction access = proxy.accessList().check(client);
    if (access == AccessAction.PERMIT) {
      proxy.count("access_permit");
      handOff(ctx);
      return;
    }
    if (access == AccessAction.REJECT) {
      proxy.count("access_reject");
      log.info("access list rejects client [{}]", clientText);
      refuse(
          ctx, "521 5.7.1 Service unavailable; client [" + clientText + "] blocked by access list");
      return;
    }
    state = State.PASS_LOOKUP;
    CompletableFuture<Boolean> dnsblPassed =
        proxy.screen().sites().isEmpty()
            ? CompletableFuture.completedFuture(true)
            : proxy.passes().dnsbl().passed(client).toCompletableFuture();
    CompletableFuture<Boolean> greetPassed =
        proxy.passes().greet().passed(client).toCompletableFuture();
    CompletableFuture<Boolean> deepPassed =
        proxy.deepTestsEnabled()
            ? proxy.passes().deep().passed(client).toCompletableFuture()
            : CompletableFuture.completedFuture(true);
    CompletableFuture<Void> all = CompletableFuture.allOf(dnsblPassed, greetPassed, deepPassed);
    Runnable next =
        () -> {
          if (state != State.PASS_LOOKUP) {
            return; // closed meanwhile
          }
          dnsblDue = !dnsblPassed.join();
          greetDue = !greetPassed.join();
          deepDue = !deepPassed.join();
          screenOrHandOff(ctx);
        };
    if (all.isDone()) {
      next.run(); // an embedded cache answers at once: no hop through the event loop
    } else {
      all.whenComplete((ignored, error) -> ctx.executor().execute(next));
    }
  }

  private void screenOrHandOff(ChannelHandlerContext ctx) {
    if (!dnsblDue && !greetDue && !deepDue) {
      proxy.count("pass_cached");
      handOff(ctx);
      return;
    }
    if (!dnsblDue && !greetDue) {
      startDialogue(ctx, "220 " + settings.greetBanner() + "\r\n");
      return;
    }
    state = State.GREET_WAIT;
    ctx.writeAndFlush(ascii("220-" + settings.greetBanner() + "\r\n"));
    if (early != null && early.isReadable() && talkedBeforeTeaser(ctx)) {
      return;
    }
    if (dnsblDue) {
      verdict = proxy.screen().screen(client);
      verdict.whenComplete(
          (answer, error) ->
              ctx.executor()
                  .execute(
                      () -> {
                        if (!greetDue) {
                          greetEnded(ctx);
                        }
                      }));
    }
    greetTimer =
        ctx.executor()
            .schedule(() -> greetEnded(ctx), settings.greetWait().toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (state == State.SPLICED) {
      splice.read(message);
      return;
    }
    ByteBuf bytes = (ByteBuf) message;
    try {
      switch (state) {
        case GREET_WAIT:
          pregreet(ctx, bytes);
          break;
        case DIALOGUE:
          lines.append(bytes);
          converse(ctx);
          break;
        case PASS_LOOKUP:
        case HANDOFF:
          keepEarly(ctx, bytes);
          break;
        default:
          break;
      }
    } finally {
      bytes.release();
    }
  }

  // Bytes read while the pass caches answered: the client talked before any greeting.
  private boolean talkedBeforeTeaser(ChannelHandlerContext ctx) {
    ByteBuf kept = early;
    early = null;
    try {
      pregreet(ctx, kept);
      return state == State.CLOSED;
    } finally {
      kept.release();
    }
  }

  private void pregreet(ChannelHandlerContext ctx, ByteBuf bytes) {
    if (!pregreeted) {
      pregreeted = true;
      String start =
          bytes.toString(
              bytes.readerIndex(),
              Math.min(bytes.readableBytes(), 40),
              StandardCharsets.ISO_8859_1);
      log.info("PREGREET from [{}]: {}", clientText, printable(start));
      if (fail(ctx, "pregreet", settings.pregreetAction(), "521 5.5.1 Protocol error")) {
        return;
      }
    }
    keepEarly(ctx, bytes);
  }

  // Bytes sent before the dialogue: for smtpd after a handoff, or for the proxy's own dialogue.
  // Allocated on the first such bytes: most clients send nothing before their greeting.
  private void keepEarly(ChannelHandlerContext ctx, ByteBuf bytes) {
    if (early == null) {
      early = ctx.alloc().buffer(bytes.readableBytes());
    }
    if (early.readableBytes() + bytes.readableBytes() > settings.maxLineLength()) {
      proxy.count("line_too_long");
      refuse(ctx, "521 5.5.2 Error: too much data before the greeting");
      return;
    }
    early.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
  }

  /** Records a failed test; true when its action is DROP and the connection is closing. */
  private boolean fail(ChannelHandlerContext ctx, String test, TestAction action, String reply) {
    proxy.count(test + "_" + action);
    if (action == TestAction.DROP) {
      log.info("{} test failed by [{}]: dropped", test, clientText);
      refuse(ctx, reply);
      return true;
    }
    failures.add(new Failure(test, action, reply));
    return false;
  }

  private void greetEnded(ChannelHandlerContext ctx) {
    if (state != State.GREET_WAIT) {
      return;
    }
    greetTimer.cancel(false);
    boolean trusted = false;
    if (dnsblDue) {
      Verdict answer = verdict.getNow(null);
      if (answer == null) {
        proxy.count("dnsbl_unfinished");
      } else if (answer.classification() == Verdict.Classification.LISTED) {
        String lists = String.join(", ", answer.listedBy());
        log.info("client [{}] listed with score {} by {}", clientText, answer.score(), lists);
        String reason = "Service unavailable; client [" + clientText + "] blocked using " + lists;
        if (fail(ctx, "dnsbl", settings.proxyDnsblAction(), "521 5.7.1 " + reason)) {
          return;
        }
      } else if (answer.complete()) {
        trusted = answer.classification() == Verdict.Classification.TRUSTED;
        proxy.passes().dnsbl().pass(client, proxy.dnsblPassTtl().clamp(answer.ttl()));
      } else {
        // Temporary DNS trouble: let the client in, but ask again next time.
        proxy.count("dnsbl_incomplete");
      }
    }
    boolean enforced = failures.stream().anyMatch(f -> f.action() == TestAction.ENFORCE);
    if (greetDue && !pregreeted) {
      proxy.passes().greet().pass(client, settings.greetPassTtl());
    }
    if (enforced || (deepDue && !trusted)) {
      startDialogue(ctx, "220 " + settings.greetBanner() + "\r\n");
      return;
    }
    proxy.count(trusted ? "trusted" : "pass");
    handOff(ctx);
  }

  // What the client said so far becomes the start of the dialogue's input.
  private void startDialogue(ChannelHandlerContext ctx, String greeting) {
    state = State.DIALOGUE;
    lines = new LineBuffer(settings.maxLineLength());
    if (early != null) {
      lines.append(early);
      early.release();
      early = null;
    }
    ctx.writeAndFlush(ascii(greeting));
    converse(ctx);
  }

  private void converse(ChannelHandlerContext ctx) {
    StringBuilder replies = new StringBuilder();
    try {
      while (state == State.DIALOGUE) {
        ClientLine line = lines.next();
        if (line == null) {
          break;
        }
        String reply = answer(ctx, line, lines.hasMore());
        if (reply != null) {
          replies.append(reply).append("\r\n");
        }
      }
    } catch (LineTooLongException e) {
      proxy.count("line_too_long");
      ctx.write(ascii(replies.toString()));
      refuse(ctx, "521 5.5.2 Error: line too long");
      return;
    }
    if (replies.length() > 0 && ctx.channel().isActive()) {
      ctx.writeAndFlush(ascii(replies.toString()));
    }
  }

  // The reply to one command line, or null when the connection is being closed.
  private String answer(ChannelHandlerContext ctx, ClientLine line, boolean more) {
    String text = line.text();
    if (++commands > MAX_COMMANDS) {
      refuse(ctx, "421 4.7.0 Error: too many commands");
      return null;
    }
    int space = text.indexOf(' ');
    String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 ? "" : text.substring(space + 1).strip();
    if (settings.nonSmtpCommandEnable()
        && (NON_SMTP_VERBS.contains(verb) || HEADER_LINE.matcher(text).matches())) {
      log.info("NON-SMTP COMMAND from [{}]: {}", clientText, printable(text));
      if (fail(
          ctx,
          "non_smtp_command",
          settings.nonSmtpCommandAction(),
          "521 5.7.0 Error: " + "I can break rules, too. Goodbye.")) {
        return null;
      }
      return "502 5.5.2 Error: command not recognized";
    }
    if (settings.bareNewlineEnable() && line.bareNewline()) {
      log.info("BARE NEWLINE from [{}]", clientText);
      if (fail(ctx, "bare_newline", settings.bareNewlineAction(), "521 5.5.1 Protocol error")) {
        return null;
      }
    }
    if (settings.pipeliningEnable() && more && !verb.equals("QUIT")) {
      log.info("COMMAND PIPELINING from [{}] after {}", clientText, verb);
      if (fail(ctx, "pipelining", settings.pipeliningAction(), "521 5.5.1 Protocol error")) {
        return null;
      }
    }
    switch (verb) {
      case "EHLO":
        return "250-"
            + settings.greetBanner()
            + "\r\n"
            + (settings.pipeliningEnable() ? "" : "250-PIPELINING\r\n")
            + "250 8BITMIME";
      case "HELO":
        return "250 " + settings.greetBanner();
      case "MAIL":
        sender = argument;
        return "250 2.1.0 Ok";
      case "RCPT":
        return recipient(argument);
      case "DATA":
      case "BDAT":
        return "554 5.5.1 Error: no valid recipients";
      case "RSET":
      case "NOOP":
        return "250 2.0.0 Ok";
      case "QUIT":
        refuse(ctx, "221 2.0.0 Bye");
        return null;
      default:
        return "502 5.5.2 Error: command not recognized";
    }
  }

  private String recipient(String argument) {
    for (Failure failure : failures) {
      if (failure.action() == TestAction.ENFORCE) {
        log.info(
            "{} enforced for [{}]: from={} to={}", failure.test(), clientText, sender, argument);
        return "550" + failure.reply().substring(3);
      }
    }
    if (deepDue) {
      proxy.passes().deep().pass(client, settings.deepPassTtl());
      proxy.count("deep_pass");
    }
    // As postscreen: the client passed, but can only be handed off on its next connection.
    return "450 4.3.2 Service currently unavailable";
  }

  private void handOff(ChannelHandlerContext ctx) {
    state = State.HANDOFF;
    Channel channel = ctx.channel();
    channel.config().setAutoRead(false);
    smtpd =
        proxy
            .connectSmtpd(
                channel,
                new SmtpdHandoff(
                    channel,
                    remote,
                    new SmtpdHandoff.Listener() {
                      @Override
                      public void greeted(
                          ChannelHandlerContext smtpdContext, ByteBuf greeting, ByteBuf rest) {
                        splice(ctx, smtpdContext, greeting, rest);
                      }

                      @Override
                      public void failed(String problem) {
                        if (state == State.HANDOFF) {
                          proxy.count("handoff_failed");
                          refuse(ctx, "421 4.3.2 Service currently unavailable");
                        }
                      }
                    }))
            .addListener(
                (ChannelFutureListener)
                    connected -> {
                      if (!connected.isSuccess() && state == State.HANDOFF) {
                        log.warn("cannot reach smtpd: {}", connected.cause().toString());
                        proxy.count("handoff_failed");
                        refuse(ctx, "421 4.3.2 Service currently unavailable");
                      } else if (state != State.HANDOFF) {
                        connected.channel().close();
                      }
                    })
            .channel();
    // Read what a client sends before smtpd answers, to pass it on after the greeting.
    channel.read();
  }

  private void splice(
      ChannelHandlerContext ctx,
      ChannelHandlerContext smtpdContext,
      ByteBuf greeting,
      ByteBuf rest) {
    if (state != State.HANDOFF) {
      greeting.release();
      rest.release();
      smtpdContext.close();
      return;
    }
    state = State.SPLICED;
    Channel channel = ctx.channel();
    splice = new Splice(channel, smtpdContext.channel());
    ctx.write(greeting);
    if (rest.isReadable()) {
      ctx.write(rest);
    } else {
      rest.release();
    }
    ctx.flush();
    if (early != null) {
      // Sent before the greeting: smtpd reads it as pipelined input after its 220.
      smtpdContext.writeAndFlush(early);
      early = null;
    }
    proxy.count("handoff");
    channel.config().setAutoRead(true);
  }

  private void refuse(ChannelHandlerContext ctx, String reply) {
    state = State.CLOSED;
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(ascii(reply + "\r\n")).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (state == State.SPLICED) {
      splice.writabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (state == State.SPLICED) {
      splice.inactive();
    } else {
      state = State.CLOSED;
      if (smtpd != null) {
        smtpd.close();
      }
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("proxy connection from [{}] failed: {}", clientText, cause.toString());
    if (state != State.SPLICED) {
      state = State.CLOSED; // a spliced peer is closed after its pending writes, on inactive
    }
    ctx.close();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (greetTimer != null) {
      greetTimer.cancel(false);
    }
    if (lines != null) {
      lines.close();
    }
    if (early != null) {
      early.release();
    }
    if (admitted) {
      // Removed as the channel closes (or is torn down): the connection no longer counts.
      admitted = false;
      ctx.channel().closeFuture().addListener(closed -> proxy.limiter().release(client));
    }
  }

  private static ByteBuf ascii(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return out.toString();
  }
}
