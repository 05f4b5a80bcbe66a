package org.postern.examples.milter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MessageModifier;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;
import org.postern.milter.server.MilterServer;

/**
 * A complete custom milter: prefixes the Subject of mail from the listed senders with {@code
 * [external]} and refuses the recipient {@code <blackhole@...>}. {@code SubjectTagMilter
 * inet:127.0.0.1:8892 alice@partner.test bob@partner.test}, then in Postfix's main.cf {@code
 * smtpd_milters = inet:127.0.0.1:8892}.
 */
public final class SubjectTagMilter implements MilterHandler {
  /** The text put in front of the subject. */
  public static final String TAG = "[external] ";

  private final Set<String> externalSenders;
  private boolean external;
  private String subject;

  /** A filter tagging mail from {@code externalSenders} (addresses without angle brackets). */
  public SubjectTagMilter(Set<String> externalSenders) {
    this.externalSenders = externalSenders;
  }

  @Override
  public MilterRequirements requirements() {
    // Negotiation fails at once, with a log line, if the MTA cannot change headers.
    return MilterRequirements.none().requiring(Action.CHANGE_HEADERS);
  }

  @Override
  public CompletionStage<Verdict> mail(MilterContext context, MilterCommand.Mail mail) {
    external = externalSenders.contains(bare(mail.sender()));
    subject = null;
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> recipient(
      MilterContext context, MilterCommand.Recipient recipient) {
    if (bare(recipient.recipient()).startsWith("blackhole@")) {
      return MilterHandler.answer(ReplyCode.of(550, "5.1.1", "no such user here"));
    }
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> header(MilterContext context, MilterCommand.Header header) {
    if (subject == null && header.name().equalsIgnoreCase("Subject")) {
      subject = header.value();
    }
    return CONTINUE;
  }

  @Override
  public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
    if (external && subject != null && !subject.startsWith(TAG)) {
      modifier.changeHeader(1, "Subject", TAG + subject);
    }
    return CONTINUE;
  }

  private static String bare(String address) {
    String trimmed = address.strip();
    if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed.toLowerCase(Locale.ROOT);
  }

  /** A server giving each milter connection its own filter for {@code externalSenders}. */
  public static DaemonServer server(ListenAddress listen, Set<String> externalSenders) {
    MilterServer milter = MilterServer.builder(() -> new SubjectTagMilter(externalSenders)).build();
    return milter.daemonServer(List.of(listen)).build();
  }

  /** Serves on the address in {@code args[0]} until the process is stopped. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SubjectTagMilter LISTEN_ADDRESS [EXTERNAL_SENDER...]");
      System.exit(2);
    }
    Set<String> senders =
        List.of(args).subList(1, args.length).stream()
            .map(sender -> sender.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    DaemonServer server = server(ListenAddress.parse(args[0]), senders);
    server.start();
    System.out.println("SubjectTagMilter listening on " + server.boundAddresses());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown().join();
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
