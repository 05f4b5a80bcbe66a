package org.postern.sieve.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.postern.sieve.action.NotifyAction;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.parser.Argument;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.CompileContext;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5435 enotify with the RFC 5436 mailto method: the notify action (reported as a {@link
 * NotifyAction}; the caller sends it), valid_notify_method, notify_method_capability and the {@code
 * :encodeurl} set modifier. Constant URIs, :from addresses and :options are checked at compile
 * time, values from variables at run time (an invalid one is a run-time error).
 */
public final class EnotifyExtension implements SieveExtension {

  /** Notify actions allowed per delivery by default, as Pigeonhole's default. */
  public static final int DEFAULT_MAX_NOTIFICATIONS = 10;

  private static final String PROHIBITED = "local policy prohibits the use of a notify action";

  private final IntSupplier maxNotifications;

  /** enotify allowing {@link #DEFAULT_MAX_NOTIFICATIONS} notify actions per delivery. */
  public EnotifyExtension() {
    this(() -> DEFAULT_MAX_NOTIFICATIONS);
  }

  /**
   * enotify allowing as many notify actions per delivery as {@code maxNotifications} says when read
   * (0 prohibits notify: a compile error, and a run-time error for scripts compiled before); read
   * on every use so a configuration reload applies to compiled scripts.
   */
  public EnotifyExtension(IntSupplier maxNotifications) {
    this.maxNotifications = maxNotifications;
  }

  @Override
  public String name() {
    return "enotify";
  }

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            "notify",
            "enotify",
            new Signature(
                List.of(
                    new TagSpec("from", ArgumentKind.STRING, null, null),
                    new TagSpec("importance", ArgumentKind.STRING, null, null),
                    new TagSpec("options", ArgumentKind.STRING_LIST, null, null),
                    new TagSpec("message", ArgumentKind.STRING, null, null)),
                List.of(ArgumentKind.STRING),
                1),
            this::compileNotify));
    registry.test(
        new TestDefinition(
            "valid_notify_method",
            "enotify",
            Signature.of(ArgumentKind.STRING_LIST),
            (arguments, context) -> {
              List<SieveString> uris = context.strings(arguments.positional(0));
              return execution -> {
                for (String uri : SieveString.evaluateAll(uris, execution)) {
                  if (uriProblem(uri) != null) {
                    return false;
                  }
                }
                return true;
              };
            }));
    List<TagSpec> capabilityTags = new ArrayList<>(org.postern.sieve.extensions.CommonTags.match());
    registry.test(
        new TestDefinition(
            "notify_method_capability",
            "enotify",
            new Signature(
                capabilityTags,
                List.of(ArgumentKind.STRING, ArgumentKind.STRING, ArgumentKind.STRING_LIST),
                3),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              SieveString uri = context.string(arguments.positional(0));
              SieveString capability = context.string(arguments.positional(1));
              List<SieveString> keys = context.strings(arguments.positional(2));
              return execution -> {
                if (uriProblem(uri.evaluate(execution)) != null) {
                  return false;
                }
                // Whether the recipient is online cannot be known for mail: "maybe".
                List<String> values =
                    capability.evaluate(execution).equalsIgnoreCase("online")
                        ? List.of("maybe")
                        : List.of();
                return matcher.test(
                    values,
                    SieveString.evaluateAll(keys, execution),
                    org.postern.sieve.match.MatchCaptures.NONE);
              };
            }));
  }

  private org.postern.sieve.runtime.ExecutableCommand compileNotify(
      org.postern.sieve.validation.BoundArguments arguments, CompileContext context) {
    Argument methodArgument = arguments.positional(0);
    if (maxNotifications.getAsInt() <= 0) {
      context.error(methodArgument.position(), PROHIBITED);
    }
    SieveString method = context.string(methodArgument);
    if (method.constant() != null) {
      String problem = uriProblem(method.constant());
      if (problem != null) {
        context.error(
            methodArgument.position(),
            "invalid notify method '" + method.constant() + "': " + problem);
      }
    }
    SieveString from = arguments.has("from") ? context.string(arguments.tag("from")) : null;
    if (from != null
        && from.constant() != null
        && MailtoUri.mailboxAddress(from.constant()) == null) {
      context.error(
          arguments.tag("from").position(),
          "invalid :from address '" + from.constant() + "' for the mailto method");
    }
    SieveString importance =
        arguments.has("importance") ? context.string(arguments.tag("importance")) : null;
    if (importance != null
        && importance.constant() != null
        && !List.of("1", "2", "3").contains(importance.constant())) {
      context.error(
          arguments.tag("importance").position(), ":importance must be \"1\", \"2\" or \"3\"");
    }
    List<SieveString> options =
        arguments.has("options") ? context.strings(arguments.tag("options")) : List.of();
    for (SieveString option : options) {
      if (option.constant() != null && optionProblem(option.constant()) != null) {
        context.error(
            arguments.tag("options").position(),
            "invalid :options value '"
                + option.constant()
                + "': "
                + optionProblem(option.constant()));
      }
    }
    SieveString message =
        arguments.has("message") ? context.string(arguments.tag("message")) : null;
    return execution -> {
      int max = maxNotifications.getAsInt();
      if (max <= 0) {
        throw new SieveRuntimeException(PROHIBITED);
      }
      String uri = method.evaluate(execution);
      String problem = uriProblem(uri);
      if (problem != null) {
        throw new SieveRuntimeException("notify: invalid method '" + uri + "': " + problem);
      }
      String sender = from == null ? null : from.evaluate(execution).trim();
      if (sender != null && MailtoUri.mailboxAddress(sender) == null) {
        throw new SieveRuntimeException("notify: invalid :from address '" + sender + "'");
      }
      List<String> values = SieveString.evaluateAll(options, execution);
      for (String option : values) {
        if (optionProblem(option) != null) {
          throw new SieveRuntimeException("notify: invalid option '" + option + "'");
        }
      }
      String level = importance == null ? "2" : importance.evaluate(execution);
      record(
          execution,
          new NotifyAction(
              uri, sender, level, values, message == null ? null : message.evaluate(execution)),
          max);
      return true;
    };
  }

  private static void record(Execution execution, NotifyAction action, int max)
      throws SieveRuntimeException {
    if (!execution.actions().notify(action)) {
      execution.log().add("duplicate notify to " + action.method() + " ignored");
    }
    execution.checkActionLimit();
    long notifications =
        execution.actions().recorded().stream().filter(NotifyAction.class::isInstance).count();
    if (notifications > max) {
      // Worded as Pigeonhole's message, which its test suite checks.
      throw new SieveRuntimeException(
          "number of notify actions exceeds policy limit (" + notifications + " > " + max + ")");
    }
  }

  /** Why {@code uri} is not a usable notification method, or {@code null}. */
  static String uriProblem(String uri) {
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      return "not a URI";
    }
    String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("mailto")) {
      return "unsupported method '" + scheme + "' (only mailto is supported)";
    }
    try {
      // Like Pigeonhole, a URI without recipients is valid: the notification goes nowhere.
      MailtoUri.parse(uri);
      return null;
    } catch (InvalidMailtoUriException e) {
      return e.getMessage();
    }
  }

  /** RFC 5435 3.4: option strings are name=value with a name of letters, digits, '-', '.'. */
  static String optionProblem(String option) {
    int equals = option.indexOf('=');
    if (equals <= 0) {
      return "expected name=value";
    }
    String name = option.substring(0, equals);
    if (!Character.isLetterOrDigit(name.charAt(0))) {
      return "the option name must start with a letter or digit";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
        return "invalid character in the option name";
      }
    }
    String value = option.substring(equals + 1);
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
      return "the option value contains a line break";
    }
    return null;
  }
}
