package org.postern.sieve.extensions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  private static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

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
              Duration period = DEFAULT_PERIOD;
              if (arguments.has("days")) {
                period = Duration.ofDays(Math.max(1, context.number(arguments.tag("days"))));
              } else if (arguments.has("seconds")) {
                period = Duration.ofSeconds(Math.max(0, context.number(arguments.tag("seconds"))));
              }
              Duration finalPeriod = period;
              SieveString subject =
                  arguments.has("subject") ? context.string(arguments.tag("subject")) : null;
              SieveString from =
                  arguments.has("from") ? context.string(arguments.tag("from")) : null;
              List<SieveString> addresses =
                  arguments.has("addresses")
                      ? context.strings(arguments.tag("addresses"))
                      : List.of();
              SieveString handle =
                  arguments.has("handle") ? context.string(arguments.tag("handle")) : null;
              boolean mime = arguments.has("mime");
              SieveString reason = context.string(arguments.positional(0));
              return execution -> {
                String text = reason.evaluate(execution);
                String sender = execution.input().envelope().from();
                List<String> own = new ArrayList<>(SieveString.evaluateAll(addresses, execution));
                own.add(execution.input().envelope().to());
                own.addAll(execution.input().ownAddresses());
                if (!shouldReply(execution.message(), sender, own)) {
                  execution.log().add("vacation: no reply to " + sender + " (RFC 3834 rules)");
                  return true;
                }
                String subjectText =
                    subject != null
                        ? subject.evaluate(execution)
                        : "Auto: "
                            + execution.message().decodedHeaders("Subject").stream()
                                .findFirst()
                                .orElse("");
                String fromText =
                    from != null ? from.evaluate(execution) : execution.input().envelope().to();
                String handleText =
                    handle != null
                        ? handle.evaluate(execution)
                        : Integer.toHexString(
                            (text + "\0" + subjectText + "\0" + fromText).hashCode());
                java.time.Instant now = execution.input().clock().instant();
                if (execution
                    .input()
                    .vacationTracker()
                    .recentlyReplied(sender, handleText, finalPeriod, now)) {
                  execution.log().add("vacation: already replied to " + sender);
                  return true;
                }
                try {
                  execution
                      .actions()
                      .vacation(
                          new VacationAction(
                              sender, fromText, subjectText, text, mime, handleText, finalPeriod));
                } catch (ActionConflictException e) {
                  throw Execution.conflict(e);
                }
                execution.input().vacationTracker().recordReply(sender, handleText, now);
                execution.checkActionLimit();
                return true;
              };
            }));
  }

  /** The RFC 3834 / RFC 5230 section 4.5 checks. */
  static boolean shouldReply(SieveMessage message, String sender, List<String> own)
      throws SieveRuntimeException {
    if (sender.isEmpty()) {
      return false;
    }
    String local = Addresses.localPart(sender).toLowerCase(Locale.ROOT);
    if (local.equals("mailer-daemon")
        || local.startsWith("owner-")
        || local.endsWith("-request")
        || local.equals("listserv")
        || local.equals("majordomo")) {
      return false;
    }
    for (String auto : message.rawHeaders("Auto-Submitted")) {
      if (!auto.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
        return false;
      }
    }
    for (String precedence : message.rawHeaders("Precedence")) {
      String value = precedence.trim().toLowerCase(Locale.ROOT);
      if (value.equals("bulk") || value.equals("list") || value.equals("junk")) {
        return false;
      }
    }
    for (String list : List.of("List-Id", "List-Post", "List-Unsubscribe", "List-Help")) {
      if (!message.rawHeaders(list).isEmpty()) {
        return false;
      }
    }
    for (String mine : own) {
      if (mine.equalsIgnoreCase(sender)) {
        return false;
      }
    }
    for (String header : List.of("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc")) {
      for (String value : message.decodedHeaders(header)) {
        for (String address : Addresses.parseList(value)) {
          for (String mine : own) {
            if (address.equalsIgnoreCase(mine)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
