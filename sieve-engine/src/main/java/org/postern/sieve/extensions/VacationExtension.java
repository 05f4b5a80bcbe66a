package org.postern.sieve.extensions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.postern.sieve.action.ActionConflictException;
import org.postern.sieve.action.VacationAction;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;

/**
 * RFC 5230 vacation (and RFC 6131 vacation-seconds via {@code :seconds}). Follows RFC 3834: no
 * reply to the null sender, MAILER-DAEMON, list or bulk mail, auto-submitted mail, or mail not
 * addressed to the user; one reply per sender and handle per period, tracked by the run input's
 * {@code VacationTracker}.
 */
public final class VacationExtension implements SieveExtension {

  private final Supplier<VacationSettings> settings;

  /** Vacation with {@link VacationSettings#defaults()}. */
  public VacationExtension() {
    this(VacationSettings::defaults);
  }

  /** Vacation reading the site settings in force at each run (so a reload applies at once). */
  public VacationExtension(Supplier<VacationSettings> settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "vacation";
  }

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            "vacation",
            "vacation",
            new Signature(
                List.of(
                    new TagSpec("days", ArgumentKind.NUMBER, null, "period"),
                    new TagSpec("seconds", ArgumentKind.NUMBER, "vacation-seconds", "period"),
                    new TagSpec("subject", ArgumentKind.STRING, null, null),
                    new TagSpec("from", ArgumentKind.STRING, null, null),
                    new TagSpec("addresses", ArgumentKind.STRING_LIST, null, null),
                    new TagSpec("mime", null, null, null),
                    new TagSpec("handle", ArgumentKind.STRING, null, null)),
                List.of(ArgumentKind.STRING),
                1),
            (arguments, context) -> {
              Duration requested = null;
              if (arguments.has("days")) {
                requested = Duration.ofDays(Math.max(1, context.number(arguments.tag("days"))));
              } else if (arguments.has("seconds")) {
                requested =
                    Duration.ofSeconds(Math.max(0, context.number(arguments.tag("seconds"))));
              }
              Duration finalRequested = requested;
              SieveString subject =
                  arguments.has("subject") ? context.string(arguments.tag("subject")) : null;
              SieveString from =
                  arguments.has("from") ? context.string(arguments.tag("from")) : null;
              if (from != null
                  && from.constant() != null
                  && !org.postern.sieve.message.MailboxSyntax.isMailbox(from.constant())) {
                context.error(
                    arguments.tag("from").position(),
                    "vacation :from needs a valid address such as user@example.org or"
                        + " \"Name <user@example.org>\", not '"
                        + from.constant()
                        + "'");
              }
              List<SieveString> addresses =
                  arguments.has("addresses")
                      ? context.strings(arguments.tag("addresses"))
                      : List.of();
              SieveString handle =
                  arguments.has("handle") ? context.string(arguments.tag("handle")) : null;
              boolean mime = arguments.has("mime");
              SieveString reason = context.string(arguments.positional(0));
              return execution -> {
                VacationSettings site = settings.get();
                Duration period =
                    site.clamp(finalRequested != null ? finalRequested : site.defaultPeriod());
                String text = reason.evaluate(execution);
                String sender = execution.input().envelope().from();
                String recipient = execution.input().envelope().to();
                List<String> own = new ArrayList<>(SieveString.evaluateAll(addresses, execution));
                own.add(recipient);
                own.addAll(execution.input().ownAddresses());
                Optional<String> addressed =
                    replyAddress(
                        execution.message(), sender, own, site.checkRecipient(), recipient);
                if (addressed.isEmpty()) {
                  execution.log().add("vacation: no reply to " + sender + " (RFC 3834 rules)");
                  return true;
                }
                String subjectText =
                    subject != null
                        ? subject.evaluate(execution)
                        : site.replySubject(
                            execution.message().decodedHeaders("Subject").stream()
                                .findFirst()
                                .map(String::trim)
                                .orElse(null));
                String fromText = from != null ? from.evaluate(execution) : addressed.get();
                String handleText =
                    handle != null
                        ? handle.evaluate(execution)
                        : Integer.toHexString(
                            (text + "\0" + subjectText + "\0" + fromText).hashCode());
                java.time.Instant now = execution.input().clock().instant();
                if (execution
                    .input()
                    .vacationTracker()
                    .recentlyReplied(sender, handleText, period, now)) {
                  execution.log().add("vacation: already replied to " + sender);
                  return true;
                }
                try {
                  execution
                      .actions()
                      .vacation(
                          new VacationAction(
                              sender, fromText, subjectText, text, mime, handleText, period));
                } catch (ActionConflictException e) {
                  throw Execution.conflict(e);
                }
                execution.input().vacationTracker().recordReply(sender, handleText, now);
                execution.checkActionLimit();
                return true;
              };
            }));
  }

  /**
   * Whether to reply and from which of the user's addresses: the one the message was addressed to
   * (To, Cc, Bcc and their Resent- forms), else, when the recipient check is off, {@code fallback}
   * (the envelope recipient). Empty when RFC 3834 / RFC 5230 section 4.5 forbid a reply: null
   * sender, system senders, list, bulk or automated mail, mail that asks for no out-of-office
   * replies (X-Auto-Response-Suppress: All or OOF), mail from the user, or mail not addressed to
   * the user.
   */
  static Optional<String> replyAddress(
      SieveMessage message,
      String sender,
      List<String> own,
      boolean checkRecipient,
      String fallback)
      throws SieveRuntimeException {
    if (sender.isEmpty()) {
      return Optional.empty();
    }
    String local = Addresses.localPart(sender).toLowerCase(Locale.ROOT);
    if (local.equals("mailer-daemon")
        || local.startsWith("owner-")
        || local.endsWith("-request")
        || local.equals("listserv")
        || local.equals("majordomo")) {
      return Optional.empty();
    }
    for (String auto : message.rawHeaders("Auto-Submitted")) {
      if (!auto.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
        return Optional.empty();
      }
    }
    for (String precedence : message.rawHeaders("Precedence")) {
      String value = precedence.trim().toLowerCase(Locale.ROOT);
      if (value.equals("bulk") || value.equals("list") || value.equals("junk")) {
        return Optional.empty();
      }
    }
    for (String suppress : message.rawHeaders("X-Auto-Response-Suppress")) {
      for (String token : suppress.split(",")) {
        String value = token.trim().toLowerCase(Locale.ROOT);
        if (value.equals("all") || value.equals("oof")) {
          return Optional.empty();
        }
      }
    }
    for (String list : List.of("List-Id", "List-Post", "List-Unsubscribe", "List-Help")) {
      if (!message.rawHeaders(list).isEmpty()) {
        return Optional.empty();
      }
    }
    for (String mine : own) {
      if (mine.equalsIgnoreCase(sender)) {
        return Optional.empty();
      }
    }
    for (String header : List.of("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc")) {
      for (String value : message.decodedHeaders(header)) {
        for (String address : Addresses.parseList(value)) {
          for (String mine : own) {
            if (address.equalsIgnoreCase(mine)) {
              return Optional.of(address);
            }
          }
        }
      }
    }
    return checkRecipient ? Optional.empty() : Optional.of(fallback);
  }
}
