package org.postern.sieve.extensions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.postern.sieve.action.ActionConflictException;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/**
 * The RFC 5228 base language: keep, discard, redirect, stop and the tests address, envelope,
 * exists, header, size, true, false. Registered under the pseudo-name {@code core}, never required.
 */
public final class CoreExtension implements SieveExtension {

  /**
   * The fields the address test accepts as constants, as in Pigeonhole (RFC 5228 section 5.1
   * requires the first seven; the others are common address fields).
   */
  private static final Set<String> ADDRESS_HEADERS =
      Set.of(
          "from",
          "to",
          "cc",
          "bcc",
          "sender",
          "resent-from",
          "resent-to",
          "reply-to",
          "resent-reply-to",
          "resent-sender",
          "resent-cc",
          "resent-bcc",
          "for-approval",
          "for-handling",
          "for-comment",
          "apparently-to",
          "errors-to",
          "delivered-to",
          "return-receipt-to",
          "x-admin",
          "read-receipt-to",
          "x-confirm-reading-to",
          "return-receipt-requested",
          "registered-mail-reply-requested-by",
          "mail-followup-to",
          "mail-reply-to",
          "abuse-reports-to",
          "x-complaints-to",
          "x-report-abuse-to",
          "x-beenthere");

  @Override
  public String name() {
    return "core";
  }

  @Override
  public void register(Registry registry) {
    List<TagSpec> storeTags =
        List.of(new TagSpec("flags", ArgumentKind.STRING_LIST, "imap4flags", null));
    registry.command(
        new CommandDefinition(
            "keep",
            null,
            new Signature(storeTags, List.of(), 0),
            (arguments, context) -> {
              List<SieveString> flags =
                  arguments.has("flags") ? context.strings(arguments.tag("flags")) : null;
              return execution -> {
                try {
                  execution.actions().keep(Imap4FlagsExtension.flagsFor(execution, flags));
                } catch (ActionConflictException e) {
                  throw Execution.conflict(e);
                }
                execution.checkActionLimit();
                return true;
              };
            }));
    registry.command(
        new CommandDefinition(
            "discard",
            null,
            Signature.of(),
            (arguments, context) ->
                execution -> {
                  execution.actions().discard();
                  return true;
                }));
    registry.command(
        new CommandDefinition(
            "stop", null, Signature.of(), (arguments, context) -> execution -> false));
    registry.command(
        new CommandDefinition(
            "redirect",
            null,
            new Signature(
                List.of(
                    new TagSpec("copy", null, "copy", null),
                    new TagSpec("list", null, "extlists", null)),
                List.of(ArgumentKind.STRING),
                1,
                List.of("address")),
            (arguments, context) -> {
              SieveString address = context.string(arguments.positional(0));
              boolean copy = arguments.has("copy");
              if (arguments.has("list")) {
                // As in Pigeonhole: lists answer membership queries, they cannot be expanded.
                context.error(
                    arguments.tag("list").position(),
                    "redirect :list is not supported: redirect to an address instead");
              } else if (address.constant() != null
                  && (!org.postern.sieve.message.MailboxSyntax.isMailbox(address.constant())
                      || normalize(address.constant()) == null)) {
                context.error(
                    arguments.positional(0).position(),
                    "redirect needs a valid address such as user@example.org, not '"
                        + address.constant()
                        + "'");
              }
              return execution -> {
                String given = address.evaluate(execution);
                String target = normalize(given);
                if (target == null) {
                  throw new SieveRuntimeException("invalid redirect address '" + given + "'");
                }
                try {
                  if (!execution.actions().redirect(target, copy)) {
                    execution.log().add("duplicate redirect to " + target + " ignored");
                  }
                } catch (ActionConflictException e) {
                  throw Execution.conflict(e);
                }
                execution.checkActionLimit();
                return true;
              };
            }));

    registry.test(
        new TestDefinition(
            "true", null, Signature.of(), (arguments, context) -> execution -> true));
    registry.test(
        new TestDefinition(
            "false", null, Signature.of(), (arguments, context) -> execution -> false));
    registry.test(
        new TestDefinition(
            "exists",
            null,
            Signature.of(ArgumentKind.STRING_LIST)
                .named("header names")
                .withTags(HeaderScope.tags()),
            (arguments, context) -> {
              HeaderScope scope = HeaderScope.of(arguments, context);
              List<SieveString> names = context.strings(arguments.positional(0));
              return execution -> {
                for (String name : SieveString.evaluateAll(names, execution)) {
                  if (scope.mime()
                      ? scope.values(execution, name).isEmpty()
                      : execution.message().rawHeaders(name).isEmpty()) {
                    return false;
                  }
                }
                return true;
              };
            }));
    registry.test(
        new TestDefinition(
            "size",
            null,
            new Signature(
                List.of(
                    new TagSpec("over", null, null, "size comparison"),
                    new TagSpec("under", null, null, "size comparison")),
                List.of(ArgumentKind.NUMBER),
                1,
                List.of("limit")),
            (arguments, context) -> {
              boolean over = arguments.has("over");
              if (!over && !arguments.has("under")) {
                context.error(arguments.position(), "size needs :over or :under before the number");
              }
              long limit = context.number(arguments.positional(0));
              return execution ->
                  over ? execution.message().size() > limit : execution.message().size() < limit;
            }));
    registry.test(
        new TestDefinition(
            "header",
            null,
            new Signature(
                    CommonTags.match(),
                    List.of(ArgumentKind.STRING_LIST, ArgumentKind.STRING_LIST),
                    2)
                .named("header names", "key list")
                .withTags(FieldIndex.tags())
                .withTags(HeaderScope.tags())
                .withTags(HeaderScope.optionTags()),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              FieldIndex index = FieldIndex.of(arguments, context);
              HeaderScope scope = HeaderScope.of(arguments, context);
              context.checkRegexKeys(matcher, arguments.positional(1));
              List<SieveString> names = context.strings(arguments.positional(0));
              List<SieveString> keys = context.strings(arguments.positional(1));
              return execution -> {
                List<String> values;
                if (names.size() == 1) {
                  // One field name (the usual case): the selected values as is, no copy.
                  values = index.select(scope.values(execution, names.get(0).evaluate(execution)));
                } else {
                  values = new ArrayList<>();
                  for (String name : SieveString.evaluateAll(names, execution)) {
                    values.addAll(index.select(scope.values(execution, name)));
                  }
                }
                return Matching.test(
                    matcher, values, SieveString.evaluateAll(keys, execution), execution);
              };
            }));
    registry.test(
        new TestDefinition(
            "address",
            null,
            new Signature(
                    CommonTags.matchAndAddressParts(),
                    List.of(ArgumentKind.STRING_LIST, ArgumentKind.STRING_LIST),
                    2)
                .named("header list", "key list")
                .withTags(FieldIndex.tags())
                .withTags(HeaderScope.tags()),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              FieldIndex index = FieldIndex.of(arguments, context);
              HeaderScope scope = HeaderScope.of(arguments, context);
              context.checkRegexKeys(matcher, arguments.positional(1));
              AddressPart part = AddressPart.of(arguments);
              Supplier<String> delimiters = SubaddressExtension.delimitersFor(context);
              List<SieveString> names = context.strings(arguments.positional(0));
              for (SieveString name : names) {
                if (name.constant() != null
                    && !ADDRESS_HEADERS.contains(name.constant().toLowerCase(Locale.ROOT))) {
                  context.error(
                      arguments.positional(0).position(),
                      "header '"
                          + name.constant()
                          + "' is not allowed for the address test: it holds no addresses (the"
                          + " test accepts From, To, Cc, Bcc, Sender, Reply-To, Resent-* and"
                          + " similar fields); use the header test");
                  break;
                }
              }
              List<SieveString> keys = context.strings(arguments.positional(1));
              return execution -> {
                List<String> values = new ArrayList<>();
                for (String name : SieveString.evaluateAll(names, execution)) {
                  for (String header : index.select(scope.values(execution, name))) {
                    for (String address : execution.addresses(header)) {
                      String value = part.extract(address, delimiters.get());
                      if (value != null) {
                        values.add(value);
                      }
                    }
                  }
                }
                return Matching.test(
                    matcher, values, SieveString.evaluateAll(keys, execution), execution);
              };
            }));
  }

  /**
   * The addr-spec a redirect sends to: the argument may be a full mailbox ({@code "Name"
   * <user@example.org>}) as RFC 5228 4.2 allows; {@code null} when it is not exactly one address.
   */
  static String normalize(String address) {
    if (plausibleAddress(address)) {
      return unquoteLocalPart(address);
    }
    List<String> parsed = Addresses.parseList(address);
    if (parsed.size() != 1 || !plausibleAddress(parsed.get(0))) {
      return null;
    }
    return unquoteLocalPart(parsed.get(0));
  }

  /**
   * A quoted local part that needs no quoting written as a dot-atom ({@code "Sirius"@example.net}
   * is {@code Sirius@example.net}), as RFC 5321 section 4.1.2 recommends and Pigeonhole does.
   */
  static String unquoteLocalPart(String address) {
    int at = address.lastIndexOf('@');
    String local = address.substring(0, at);
    if (local.length() < 2 || local.charAt(0) != '"' || local.charAt(local.length() - 1) != '"') {
      return address;
    }
    String inner = local.substring(1, local.length() - 1);
    return Addresses.isDotAtom(inner, false) ? inner + address.substring(at) : address;
  }

  /** Loose check that a redirect target is an addr-spec: local@domain, no spaces. */
  static boolean plausibleAddress(String address) {
    int at = address.lastIndexOf('@');
    return at > 0
        && at < address.length() - 1
        && address.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>' || c == ',');
  }
}
