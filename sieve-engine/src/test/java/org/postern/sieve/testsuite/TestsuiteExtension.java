package org.postern.sieve.testsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postern.sieve.SieveCompileException;
import org.postern.sieve.SieveCompiler;
import org.postern.sieve.SieveDiagnostic;
import org.postern.sieve.SieveLimits;
import org.postern.sieve.SieveProgram;
import org.postern.sieve.action.ActionList;
import org.postern.sieve.action.DiscardAction;
import org.postern.sieve.action.MailboxNames;
import org.postern.sieve.action.NotifyAction;
import org.postern.sieve.action.RedirectAction;
import org.postern.sieve.action.RedirectForwarding;
import org.postern.sieve.action.RejectAction;
import org.postern.sieve.action.SieveAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.action.VacationAction;
import org.postern.sieve.extensions.CommonTags;
import org.postern.sieve.extensions.EditHeaderExtension;
import org.postern.sieve.extensions.EditHeaderSettings;
import org.postern.sieve.extensions.FileIntoExtension;
import org.postern.sieve.extensions.SpamTestExtension;
import org.postern.sieve.extensions.SpamTestSettings;
import org.postern.sieve.extensions.SubaddressExtension;
import org.postern.sieve.extensions.VacationExtension;
import org.postern.sieve.extensions.VacationSettings;
import org.postern.sieve.extlists.ExtListsExtension;
import org.postern.sieve.include.DirectoryScriptResolver;
import org.postern.sieve.include.IncludeExtension;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.message.OutgoingMessage;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.notify.EnotifyExtension;
import org.postern.sieve.notify.EnvelopeSenderSource;
import org.postern.sieve.notify.InvalidMailtoUriException;
import org.postern.sieve.notify.MailtoNotification;
import org.postern.sieve.notify.MailtoSettings;
import org.postern.sieve.runtime.ExecutableCommand;
import org.postern.sieve.runtime.ExecutableTest;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRunInput;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.runtime.VariableNamespace;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;
import org.postern.sieve.validation.TestDefinition;

/**
 * Pigeonhole's {@code vnd.dovecot.testsuite} extension over a {@link TestsuiteState}: test blocks,
 * test_fail, message and envelope setup, compiling and running sub-scripts into a shared result,
 * executing that result into an in-memory mail store and outbox, and inspecting errors and actions.
 */
final class TestsuiteExtension implements SieveExtension {

  static final String NAME = "vnd.dovecot.testsuite";

  private final TestsuiteState state;

  TestsuiteExtension(TestsuiteState state) {
    this.state = state;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Pigeonhole's {@code tst.path}: the directory of the test file. */
  @Override
  public Map<String, VariableNamespace> variableNamespaces() {
    return Map.of(
        "tst", (name, execution) -> name.equals("path") ? state.directory().toString() : "");
  }

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            "test",
            NAME,
            Signature.of(ArgumentKind.STRING),
            true,
            (arguments, context) -> {
              SieveString name = context.string(arguments.positional(0));
              ExecutableCommand block = arguments.block();
              return execution -> runTest(name.evaluate(execution), block, execution);
            }));
    registry.command(
        new CommandDefinition(
            "test_fail",
            NAME,
            Signature.of(ArgumentKind.STRING),
            (arguments, context) -> {
              SieveString reason = context.string(arguments.positional(0));
              return execution -> {
                state.pendingFailure(reason.evaluate(execution));
                throw new SieveRuntimeException("test failed");
              };
            }));
    registry.command(
        new CommandDefinition(
            "test_set",
            NAME,
            Signature.of(ArgumentKind.STRING, ArgumentKind.STRING),
            (arguments, context) -> {
              SieveString object = context.string(arguments.positional(0));
              SieveString value = context.string(arguments.positional(1));
              return execution -> {
                set(object.evaluate(execution), value.evaluate(execution), execution);
                return true;
              };
            }));
    Signature messageSignature =
        new Signature(
            List.of(
                new TagSpec("smtp", null, null, "message source"),
                new TagSpec("folder", ArgumentKind.STRING, null, "message source")),
            List.of(ArgumentKind.NUMBER),
            1);
    registry.command(
        new CommandDefinition(
            "test_message",
            NAME,
            messageSignature,
            (arguments, context) -> {
              ExecutableTest select = selectMessage(arguments, context);
              int index = (int) context.number(arguments.positional(0));
              SieveString folder =
                  arguments.has("folder") ? context.string(arguments.tag("folder")) : null;
              return execution -> {
                if (!select.evaluate(execution)) {
                  state.pendingFailure(
                      folder == null
                          ? "no outgoing SMTP message with index " + index
                          : "no message in folder '"
                              + folder.evaluate(execution)
                              + "' with index "
                              + index);
                  throw new SieveRuntimeException("test_message: no such message");
                }
                return true;
              };
            }));
    registry.test(new TestDefinition("test_message", NAME, messageSignature, this::selectMessage));
    registry.test(
        new TestDefinition(
            "test_script_compile",
            NAME,
            Signature.of(ArgumentKind.STRING),
            (arguments, context) -> {
              SieveString path = context.string(arguments.positional(0));
              return execution -> compile(path.evaluate(execution));
            }));
    registry.test(
        new TestDefinition(
            "test_script_run",
            NAME,
            new Signature(List.of(TagSpec.flag("append_result")), List.of(), 0),
            (arguments, context) -> {
              boolean append = arguments.has("append_result");
              return execution -> run(append, execution);
            }));
    registry.test(
        new TestDefinition(
            "test_multiscript",
            NAME,
            Signature.of(ArgumentKind.STRING_LIST),
            (arguments, context) -> {
              List<SieveString> scripts = context.strings(arguments.positional(0));
              return execution ->
                  multiscript(SieveString.evaluateAll(scripts, execution), execution);
            }));
    registry.test(
        new TestDefinition(
            "test_result_execute",
            NAME,
            Signature.of(),
            (arguments, context) -> execution -> executeResult(execution)));
    registry.command(
        new CommandDefinition(
            "test_result_reset",
            NAME,
            Signature.of(),
            (arguments, context) ->
                execution -> {
                  state.resetResult();
                  return true;
                }));
    registry.command(
        new CommandDefinition(
            "test_result_print", NAME, Signature.of(), (arguments, context) -> execution -> true));
    List<TagSpec> inspectTags = new ArrayList<>(CommonTags.match());
    inspectTags.add(new TagSpec("index", ArgumentKind.NUMBER, null, null));
    Signature inspect = new Signature(inspectTags, List.of(ArgumentKind.STRING_LIST), 1);
    registry.test(
        new TestDefinition(
            "test_result_action",
            NAME,
            inspect,
            (arguments, context) -> inspection(arguments, context, execution -> actionNames())));
    registry.test(
        new TestDefinition(
            "test_error",
            NAME,
            inspect,
            (arguments, context) -> inspection(arguments, context, execution -> state.errors())));
    registry.command(
        new CommandDefinition(
            "test_config_set",
            NAME,
            Signature.of(ArgumentKind.STRING, ArgumentKind.STRING),
            (arguments, context) -> {
              SieveString key = context.string(arguments.positional(0));
              SieveString value = context.string(arguments.positional(1));
              return execution -> {
                state.config().put(key.evaluate(execution), value.evaluate(execution));
                return true;
              };
            }));
    registry.command(
        new CommandDefinition(
            "test_config_unset",
            NAME,
            Signature.of(ArgumentKind.STRING),
            (arguments, context) -> {
              SieveString key = context.string(arguments.positional(0));
              return execution -> {
                state.config().remove(key.evaluate(execution));
                return true;
              };
            }));
    registry.command(
        new CommandDefinition(
            "test_config_reload",
            NAME,
            new Signature(
                List.of(new TagSpec("extension", ArgumentKind.STRING, null, null)), List.of(), 0),
            (arguments, context) ->
                execution -> {
                  reloadConfig();
                  execution.variables().maxSize(state.limits().maxVariableSize());
                  refreshOwnAddresses(execution);
                  return true;
                }));
    registry.command(
        new CommandDefinition(
            "test_mailbox_create",
            NAME,
            Signature.of(ArgumentKind.STRING),
            (arguments, context) -> {
              SieveString name = context.string(arguments.positional(0));
              return execution -> {
                state.createMailbox(name.evaluate(execution));
                return true;
              };
            }));
  }

  /** Runs one test block; a failure or run-time error ends the block, not the file. */
  private boolean runTest(String name, ExecutableCommand block, Execution execution) {
    state.startTest(name);
    try {
      return block.execute(execution);
    } catch (SieveRuntimeException e) {
      String reason = state.takePendingFailure();
      state.fail(reason != null ? reason : "run-time error: " + e.getMessage());
      return true;
    } finally {
      state.endTest();
    }
  }

  private void set(String object, String value, Execution execution) throws SieveRuntimeException {
    SieveRunInput input = execution.input();
    SieveEnvelope envelope = input.envelope();
    switch (TestsuiteState.lower(object)) {
      case "message" -> {
        SieveMessage message = SieveMessage.parse(value);
        execution.actions().messageEdited(null, null);
        execution.flags().clear();
        state.currentMessageFlags(List.of());
        replace(execution, message, envelopeOf(message));
      }
      case "envelope.from" ->
          replace(
              execution,
              input.message(),
              new SieveEnvelope(path(value), envelope.to(), envelope.auth()));
      case "envelope.to" ->
          replace(
              execution,
              input.message(),
              new SieveEnvelope(envelope.from(), path(value), envelope.auth()));
      case "envelope.orig_to" -> {
        state.config().put("testsuite.orig_to", path(value));
        refreshOwnAddresses(execution);
      }
      case "envelope.auth" ->
          replace(
              execution, input.message(), new SieveEnvelope(envelope.from(), envelope.to(), value));
      default -> throw new SieveRuntimeException("test_set: unknown object '" + object + "'");
    }
  }

  /**
   * The user's own addresses as Pigeonhole's settings give them: sieve_user_email, and the original
   * recipient when sieve_vacation_use_original_recipient is set.
   */
  private void refreshOwnAddresses(Execution execution) {
    Map<String, String> config = state.config();
    Set<String> own = new HashSet<>();
    String userEmail = config.get("sieve_user_email");
    if (userEmail != null && !userEmail.isBlank()) {
      own.add(path(userEmail));
    }
    String originalRecipient = config.get("testsuite.orig_to");
    if (originalRecipient != null
        && !originalRecipient.isEmpty()
        && yes(config.get("sieve_vacation_use_original_recipient"))) {
      own.add(originalRecipient);
    }
    SieveRunInput input = execution.input();
    execution.replaceInput(
        new SieveRunInput(
            input.message(),
            input.envelope(),
            input.environment(),
            own,
            input.vacationTracker(),
            input.clock(),
            input.mailboxes(),
            input.duplicates()));
  }

  /** The default envelope Pigeonhole's testsuite derives from a new message's headers. */
  static SieveEnvelope envelopeOf(SieveMessage message) {
    String to = firstAddress(message, "Envelope-To", "To");
    String from = firstAddress(message, "Return-Path", "Sender", "From");
    return new SieveEnvelope(
        from == null ? "sender@example.com" : from, to == null ? "recipient@example.com" : to);
  }

  private static String firstAddress(SieveMessage message, String... headers) {
    for (String header : headers) {
      List<String> values = message.rawHeaders(header);
      if (!values.isEmpty()) {
        List<String> addresses = Addresses.parseList(values.get(0));
        if (!addresses.isEmpty() && !addresses.get(0).isEmpty()) {
          return addresses.get(0);
        }
      }
    }
    return null;
  }

  private static String path(String value) {
    String trimmed = value.trim();
    if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static void replace(Execution execution, SieveMessage message, SieveEnvelope envelope) {
    execution.replaceInput(execution.input().with(message, envelope));
  }

  private ExecutableTest selectMessage(
      org.postern.sieve.validation.BoundArguments arguments,
      org.postern.sieve.validation.CompileContext context) {
    int index = (int) context.number(arguments.positional(0));
    if (arguments.has("folder")) {
      SieveString folder = context.string(arguments.tag("folder"));
      return execution -> {
        TestsuiteState.StoredMessage stored = state.stored(folder.evaluate(execution), index);
        if (stored == null) {
          return false;
        }
        replace(execution, stored.message(), envelopeOf(stored.message()));
        execution.actions().messageEdited(null, null);
        execution.flags().clear();
        execution.flags().addAll(stored.flags());
        state.currentMessageFlags(stored.flags());
        return true;
      };
    }
    return execution -> {
      TestsuiteState.SentMessage sent = state.sent(index);
      if (sent == null) {
        return false;
      }
      replace(execution, sent.message(), new SieveEnvelope(sent.from(), sent.to()));
      execution.actions().messageEdited(null, null);
      state.currentMessageFlags(List.of());
      return true;
    };
  }

  private boolean compile(String relative) {
    Path file = state.directory().resolve(relative);
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      state.errors(List.of("cannot read script " + relative + ": " + e.getMessage()));
      state.compiled(null);
      return false;
    }
    try {
      SieveProgram program = state.compiler().compile(source);
      state.compiled(program);
      state.errors(program.warnings().stream().map(SieveDiagnostic::message).toList());
      return true;
    } catch (SieveCompileException e) {
      List<String> errors = new ArrayList<>();
      for (SieveDiagnostic diagnostic : e.diagnostics()) {
        // Pigeonhole's test_error matches the message; the location is kept apart from it.
        errors.add(diagnostic.message());
      }
      // Pigeonhole ends a failed compile with one summary error; its counts include it.
      errors.add("validation failed");
      state.errors(errors);
      state.compiled(null);
      return false;
    }
  }

  private boolean run(boolean append, Execution execution) throws SieveRuntimeException {
    SieveProgram program = state.compiled();
    if (program == null) {
      throw new SieveRuntimeException("test_script_run: no script compiled");
    }
    if (!append) {
      state.resetResult();
    }
    SieveResult result = program.run(execution.input(), state.result());
    state.errors(result.allErrors());
    return !result.failed();
  }

  private boolean multiscript(List<String> scripts, Execution execution)
      throws SieveRuntimeException {
    state.resetResult();
    ActionList shared = state.result();
    for (String script : scripts) {
      if (!compile(script)) {
        return false;
      }
      SieveResult result = state.compiled().run(execution.input(), shared);
      if (result.failed()) {
        return false;
      }
      // As Pigeonhole's multiscript: each script's actions are executed before the next script
      // runs, the keep is deferred to the end, and a script that cancels the keep ends the chain.
      if (!executeActions(execution)) {
        return false;
      }
      if (!keepsMessage(shared)) {
        break;
      }
    }
    return executeResult(execution);
  }

  /** Whether the result still keeps the message: implicitly, or by an explicit keep. */
  private static boolean keepsMessage(ActionList result) {
    if (result.implicitKeep()) {
      return true;
    }
    List<SieveAction> recorded = result.recorded();
    for (int i = 0; i < recorded.size(); i++) {
      if (result.explicitKeep(i)) {
        return true;
      }
    }
    return false;
  }

  /** Performs the not yet executed actions of the result against the store and the outbox. */
  private boolean executeResult(Execution execution) {
    if (!executeActions(execution)) {
      // As Pigeonhole: a failed action makes the implicit keep store the message as received.
      if (!state.keepExecuted()) {
        state.store("INBOX", execution.message(), List.of());
        state.keepExecuted(true);
      }
      return false;
    }
    ActionList result = state.result();
    List<SieveAction> recorded = result.recorded();
    if (result.implicitKeep() && !state.keepExecuted()) {
      boolean explicitInbox =
          recorded.stream()
              .anyMatch(a -> a instanceof StoreAction s && s.mailbox().equalsIgnoreCase("INBOX"));
      if (!explicitInbox) {
        SieveMessage edited = result.editedMessage();
        state.store(
            "INBOX",
            edited != null ? edited : execution.message(),
            new ArrayList<>(execution.flags()));
      }
      state.keepExecuted(true);
    }
    return true;
  }

  /** Performs the recorded actions not yet executed, leaving the implicit keep for later. */
  private boolean executeActions(Execution execution) {
    ActionList result = state.result();
    List<SieveAction> recorded = result.recorded();
    SieveMessage message = execution.message();
    SieveEnvelope envelope = execution.input().envelope();
    List<String> errors = new ArrayList<>();
    for (int i = state.executedActions(); i < recorded.size(); i++) {
      SieveMessage edited = result.messageFor(i);
      List<NotifyAction> earlier = new ArrayList<>();
      for (SieveAction before : recorded.subList(0, i)) {
        if (before instanceof NotifyAction notify) {
          earlier.add(notify);
        }
      }
      perform(recorded.get(i), earlier, edited != null ? edited : message, envelope, errors);
    }
    state.executedActions(recorded.size());
    result.markExecuted();
    state.errors(errors);
    return errors.isEmpty();
  }

  private void perform(
      SieveAction action,
      List<NotifyAction> earlier,
      SieveMessage message,
      SieveEnvelope envelope,
      List<String> errors) {
    if (action instanceof StoreAction store) {
      if (store.mailboxMustExist() && !state.mailboxExists(store.mailbox())) {
        // Worded as Pigeonhole's error, which its test suite inspects.
        errors.add(
            "failed to store into mailbox '"
                + store.mailbox()
                + "': Mailbox doesn't exist: "
                + store.mailbox());
        return;
      }
      state.store(store.mailbox(), message, store.flags());
    } else if (action instanceof RedirectAction redirect) {
      Map<String, String> config = state.config();
      String userEmail = config.get("sieve_user_email");
      String user = userEmail != null && !userEmail.isBlank() ? path(userEmail) : envelope.to();
      if (RedirectForwarding.isLoop(message, user)
          || RedirectForwarding.isLoop(message, envelope.to())) {
        return;
      }
      String from =
          RedirectForwarding.envelopeSender(
              config.get("sieve_redirect_envelope_from"),
              envelope,
              config.get("testsuite.orig_to"),
              userEmail == null ? null : path(userEmail));
      state.send(
          new TestsuiteState.SentMessage(
              from, redirect.address(), RedirectForwarding.copyFor(message, user)));
    } else if (action instanceof RejectAction reject) {
      if (!envelope.from().isEmpty()) {
        state.send(
            new TestsuiteState.SentMessage(
                "", envelope.from(), Replies.rejection(reject, message, envelope)));
      }
    } else if (action instanceof VacationAction vacation) {
      if (!envelope.from().isEmpty()) {
        state.send(
            new TestsuiteState.SentMessage(
                // RFC 3834: replies go from the null sender unless the site says otherwise.
                yes(state.config().get("sieve_vacation_send_from_recipient")) ? envelope.to() : "",
                vacation.recipient(),
                Replies.vacation(
                    vacation,
                    message,
                    envelope,
                    yes(state.config().get("sieve_vacation_to_header_ignore_envelope")))));
      }
    } else if (action instanceof NotifyAction notify) {
      sendNotification(notify, earlier, message, envelope, errors);
    } else if (action instanceof DiscardAction) {
      // Nothing to deliver.
    } else {
      errors.add("cannot execute " + action);
    }
  }

  /**
   * Sends the mail notifications of {@code notify} composed by {@link MailtoNotification}, with the
   * settings of Pigeonhole's testsuite (postmaster@example.com, sieve_user_email,
   * sieve_notify_mailto_envelope_from); earlier notify actions of the result are the duplicates.
   */
  private void sendNotification(
      NotifyAction notify,
      List<NotifyAction> earlier,
      SieveMessage message,
      SieveEnvelope envelope,
      List<String> errors) {
    Map<String, String> config = state.config();
    String userEmail = config.get("sieve_user_email");
    MailtoSettings settings;
    try {
      settings =
          new MailtoSettings(
              EnvelopeSenderSource.parse(config.get("sieve_notify_mailto_envelope_from")),
              "postmaster@example.com",
              userEmail == null || userEmail.isBlank() ? null : path(userEmail),
              config.get("testsuite.orig_to"),
              null);
    } catch (IllegalArgumentException e) {
      errors.add("notify: " + e.getMessage());
      return;
    }
    try {
      for (OutgoingMessage outgoing :
          MailtoNotification.compose(notify, earlier, message, envelope, settings)) {
        state.send(
            new TestsuiteState.SentMessage(
                outgoing.envelopeSender(), outgoing.recipient(), outgoing.message()));
      }
    } catch (InvalidMailtoUriException e) {
      errors.add("notify: invalid mailto URI: " + e.getMessage());
    }
  }

  /** The names Pigeonhole gives the result's actions, for test_result_action. */
  private List<String> actionNames() {
    List<String> names = new ArrayList<>();
    ActionList result = state.result();
    List<SieveAction> recorded = result.recorded();
    for (int i = 0; i < recorded.size(); i++) {
      names.add(result.explicitKeep(i) ? "keep" : actionName(recorded.get(i)));
    }
    return names;
  }

  private static String actionName(SieveAction action) {
    if (action instanceof StoreAction) {
      return "store";
    }
    if (action instanceof RedirectAction) {
      return "redirect";
    }
    if (action instanceof RejectAction) {
      return "reject";
    }
    if (action instanceof VacationAction) {
      return "vacation";
    }
    if (action instanceof NotifyAction) {
      return "notify";
    }
    return "discard";
  }

  /** A source of values inspected by test_error and test_result_action. */
  @FunctionalInterface
  private interface Values {
    List<String> of(Execution execution);
  }

  private ExecutableTest inspection(
      org.postern.sieve.validation.BoundArguments arguments,
      org.postern.sieve.validation.CompileContext context,
      Values source) {
    Matcher matcher = context.matcher(arguments);
    int index = arguments.has("index") ? (int) context.number(arguments.tag("index")) : 0;
    List<SieveString> keys = context.strings(arguments.positional(0));
    return execution -> {
      List<String> values = source.of(execution);
      if (index > 0) {
        values = index <= values.size() ? List.of(values.get(index - 1)) : List.of();
      }
      return matcher.test(
          values,
          SieveString.evaluateAll(keys, execution),
          org.postern.sieve.match.MatchCaptures.NONE);
    };
  }

  /** Applies the settings that map onto the engine's limits and rebuilds the compiler. */
  private void reloadConfig() {
    SieveLimits limits = SieveLimits.defaults();
    Map<String, String> config = state.config();
    limits = limits.withMaxActions(setting(config, "sieve_max_actions", limits.maxActions()));
    limits = limits.withMaxRedirects(setting(config, "sieve_max_redirects", limits.maxRedirects()));
    limits =
        limits.withMaxIncludeDepth(
            setting(config, "sieve_include_max_nesting_depth", limits.maxIncludeDepth()));
    limits =
        limits.withMaxVariableSize(
            setting(
                config,
                "sieve_variables_max_value_size",
                setting(config, "sieve_variables_max_variable_size", limits.maxVariableSize())));
    state.limits(limits);
    state.compiler(SieveCompiler.create(limits, extensions(state)));
    state.editHeader(editHeader(config));
    state.maxNotifications(
        setting(
            config, "sieve_notify_max_notifications", EnotifyExtension.DEFAULT_MAX_NOTIFICATIONS));
    state.recipientDelimiter(config.get("recipient_delimiter"));
    state.vacation(vacation(config));
    state.spamTest(spamTest(config, "spamtest"));
    state.virusTest(spamTest(config, "virustest"));
    state.externalLists(DictFileLists.fromSettings(config));
  }

  /**
   * The testsuite plus the engine extensions configured from the settings, as Pigeonhole's
   * testsuite sets them up: included scripts come from {@code included} and {@code included-global}
   * next to the test file.
   */
  static List<SieveExtension> extensions(TestsuiteState state) {
    Map<String, String> config = state.config();
    return List.of(
        new TestsuiteExtension(state),
        // Pigeonhole's test mail store separates hierarchy levels with '/' (multiscript files
        // into "group/info/Orders").
        new FileIntoExtension(new MailboxNames('/')),
        new EditHeaderExtension(state::editHeader),
        new EnotifyExtension(state::maxNotifications),
        new VacationExtension(state::vacation),
        new SubaddressExtension(state::recipientDelimiter),
        new IncludeExtension(
            new DirectoryScriptResolver(
                state.directory().resolve("included"),
                state.directory().resolve("included-global")),
            setting(config, "sieve_include_max_includes", 255)),
        new SpamTestExtension(SpamTestExtension.Kind.SPAMTEST, state::spamTest),
        new SpamTestExtension(SpamTestExtension.Kind.SPAMTESTPLUS, state::spamTest),
        new SpamTestExtension(SpamTestExtension.Kind.VIRUSTEST, state::virusTest),
        new ExtListsExtension(state::externalLists));
  }

  /**
   * Pigeonhole's sieve_spamtest_* / sieve_virustest_* settings, or null when not (validly)
   * configured, in which case the tests see "0".
   */
  static SpamTestSettings spamTest(Map<String, String> config, String name) {
    String prefix = "sieve_" + name + "_";
    String status = config.get(prefix + "status_header");
    if (status == null) {
      return null;
    }
    String typeName = config.getOrDefault(prefix + "status_type", "score");
    SpamTestSettings.StatusType type;
    switch (typeName) {
      case "score" -> type = SpamTestSettings.StatusType.SCORE;
      case "strlen" -> type = SpamTestSettings.StatusType.STRLEN;
      case "text" -> type = SpamTestSettings.StatusType.TEXT;
      default -> {
        return null;
      }
    }
    String maxHeader =
        config.getOrDefault(prefix + "score_max_header", config.get(prefix + "max_header"));
    String maxValue =
        config.getOrDefault(prefix + "score_max_value", config.get(prefix + "max_value"));
    if (type != SpamTestSettings.StatusType.TEXT && (maxHeader == null) == (maxValue == null)) {
      return null;
    }
    try {
      Map.Entry<String, java.util.Optional<com.google.re2j.Pattern>> statusSpec =
          SpamTestSettings.headerSpec(status);
      Map.Entry<String, java.util.Optional<com.google.re2j.Pattern>> maxSpec =
          maxHeader == null ? null : SpamTestSettings.headerSpec(maxHeader);
      double max = 0;
      if (maxValue != null && type != SpamTestSettings.StatusType.TEXT) {
        max = Double.parseDouble(maxValue.trim().replace(',', '.'));
      }
      Map<Integer, String> texts = new java.util.HashMap<>();
      for (int i = 0; i <= 10; i++) {
        String text = config.get(prefix + "text_value/" + i);
        if (text == null) {
          text = config.get(prefix + "text_value" + i);
        }
        if (text != null && !text.isEmpty()) {
          texts.put(i, text);
        }
      }
      return new SpamTestSettings(
          statusSpec.getKey(),
          statusSpec.getValue().orElse(null),
          type,
          maxSpec == null ? null : maxSpec.getKey(),
          maxSpec == null ? null : maxSpec.getValue().orElse(null),
          max,
          texts);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Pigeonhole's sieve_vacation_* settings, with Pigeonhole's defaults. */
  static VacationSettings vacation(Map<String, String> config) {
    Duration min = duration(config.get("sieve_vacation_min_period"), Duration.ofDays(1));
    Duration max = duration(config.get("sieve_vacation_max_period"), Duration.ofDays(60));
    Duration period = duration(config.get("sieve_vacation_default_period"), Duration.ofDays(7));
    boolean check =
        !yes(config.get("sieve_vacation_dont_check_recipient"))
            && !"no"
                .equalsIgnoreCase(config.getOrDefault("sieve_vacation_check_recipient", "").trim());
    return new VacationSettings(
        min,
        max.compareTo(min) < 0 ? min : max,
        period,
        config.get("sieve_vacation_default_subject"),
        config.get("sieve_vacation_default_subject_template"),
        check);
  }

  /** A Dovecot time setting: a number with an optional s/m/h/d/w unit (seconds by default). */
  private static Duration duration(String value, Duration fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("\\s*(\\d+)\\s*([a-z]*)\\s*")
            .matcher(value.toLowerCase(java.util.Locale.ROOT));
    if (!matcher.matches()) {
      return fallback;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "", "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(amount);
      case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(amount);
      case "h", "hour", "hours" -> Duration.ofHours(amount);
      case "d", "day", "days" -> Duration.ofDays(amount);
      case "w", "week", "weeks" -> Duration.ofDays(7 * amount);
      default -> fallback;
    };
  }

  /** Pigeonhole's sieve_editheader_* settings. */
  static EditHeaderSettings editHeader(Map<String, String> config) {
    Set<String> forbidAdd = new HashSet<>(words(config.get("sieve_editheader_forbid_add")));
    Set<String> forbidDelete = new HashSet<>(words(config.get("sieve_editheader_forbid_delete")));
    for (String protectedName : words(config.get("sieve_editheader_protected"))) {
      forbidAdd.add(protectedName);
      forbidDelete.add(protectedName);
    }
    for (String id : words(config.get("sieve_editheader_header"))) {
      String prefix = "sieve_editheader_header/" + id + "/";
      String name = config.getOrDefault(prefix + "name", id);
      if (yes(config.get(prefix + "forbid_add"))) {
        forbidAdd.add(name);
      }
      if (yes(config.get(prefix + "forbid_delete"))) {
        forbidDelete.add(name);
      }
    }
    int maxSize =
        setting(
            config,
            "sieve_editheader_max_header_size",
            EditHeaderSettings.defaults().maxHeaderSize());
    return new EditHeaderSettings(forbidAdd, forbidDelete, maxSize);
  }

  private static List<String> words(String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }

  private static boolean yes(String value) {
    return value != null && value.trim().equalsIgnoreCase("yes");
  }

  /** A Dovecot size setting: a number with an optional k/M/G suffix. */
  private static long size(String value) {
    String text = value.trim().toLowerCase(java.util.Locale.ROOT);
    long factor = 1;
    if (text.endsWith("k")) {
      factor = 1024;
    } else if (text.endsWith("m")) {
      factor = 1024 * 1024;
    } else if (text.endsWith("g")) {
      factor = 1024L * 1024 * 1024;
    }
    if (factor > 1) {
      text = text.substring(0, text.length() - 1).trim();
    }
    return Long.parseLong(text) * factor;
  }

  private static int setting(Map<String, String> config, String key, int fallback) {
    String value = config.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Math.toIntExact(size(value));
    } catch (NumberFormatException | ArithmeticException e) {
      return fallback;
    }
  }
}
