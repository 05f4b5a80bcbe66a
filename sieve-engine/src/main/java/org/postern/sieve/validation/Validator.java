package org.postern.sieve.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postern.sieve.SieveDiagnostic;
import org.postern.sieve.SieveLimits;
import org.postern.sieve.parser.Argument;
import org.postern.sieve.parser.CommandNode;
import org.postern.sieve.parser.NumberArgument;
import org.postern.sieve.parser.Position;
import org.postern.sieve.parser.ScriptNode;
import org.postern.sieve.parser.StringArgument;
import org.postern.sieve.parser.StringListArgument;
import org.postern.sieve.parser.TagArgument;
import org.postern.sieve.parser.TestNode;
import org.postern.sieve.runtime.Block;
import org.postern.sieve.runtime.ExecutableCommand;
import org.postern.sieve.runtime.ExecutableTest;

/**
 * Checks a syntax tree against the registry and the script's {@code require}s and compiles it into
 * executable form. Reports every problem found; the result is only usable without diagnostics.
 */
public final class Validator {

  private final Registry registry;
  private final SieveLimits limits;
  private final List<SieveDiagnostic> diagnostics;
  private final Set<String> required = new LinkedHashSet<>();
  // Where each extension was first required, for errors about extensions it needs.
  private final Map<String, Position> requiredAt = new java.util.LinkedHashMap<>();
  private final CompileContext context;
  private final Map<Class<?>, Object> compilationState;
  // Block commands whose block is being compiled, innermost first (foreverypart for break).
  private final java.util.ArrayDeque<BoundArguments> enclosing = new java.util.ArrayDeque<>();

  /** Creates a validator appending problems to {@code diagnostics}. */
  public Validator(Registry registry, SieveLimits limits, List<SieveDiagnostic> diagnostics) {
    this(registry, limits, diagnostics, new HashMap<>());
  }

  private Validator(
      Registry registry,
      SieveLimits limits,
      List<SieveDiagnostic> diagnostics,
      Map<Class<?>, Object> compilationState) {
    this.registry = registry;
    this.limits = limits;
    this.diagnostics = diagnostics;
    this.compilationState = compilationState;
    this.context = new CompileContext(diagnostics, required, limits, this);
  }

  private boolean skipBlock;
  // Unknown commands, tests and tags already reported ("kind name"), each reported once.
  private final Set<String> reportedUnknown = new java.util.HashSet<>();

  List<BoundArguments> enclosingCommands() {
    return List.copyOf(enclosing);
  }

  SieveExtension extension(String name) {
    return registry.extension(name);
  }

  boolean supports(String extension) {
    return registry.supports(extension);
  }

  void skipBlock() {
    skipBlock = true;
  }

  /** State extensions keep for one compilation, shared with the scripts it includes. */
  <T> T compilationState(Class<T> type, java.util.function.Supplier<T> create) {
    return type.cast(compilationState.computeIfAbsent(type, k -> create.get()));
  }

  /**
   * Compiles another script (an include) with its own requires under the same registry, limits and
   * compilation state; its problems are reported here, naming the script.
   */
  Block compileIncluded(String scriptName, String source, Position position) {
    List<SieveDiagnostic> problems = new ArrayList<>();
    Block block;
    if (source.length() > limits.maxScriptSize()) {
      problems.add(
          new SieveDiagnostic(
              1, 1, "script is " + source.length() + " characters, over the size limit"));
      block = new Block(List.of());
    } else {
      ScriptNode script =
          org.postern.sieve.parser.Parser.parse(source, problems, limits.maxNestingDepth());
      block =
          problems.isEmpty()
              ? new Validator(registry, limits, problems, compilationState).compile(script)
              : new Block(List.of());
    }
    for (SieveDiagnostic problem : problems) {
      diagnostics.add(
          new SieveDiagnostic(
              position.line(),
              position.column(),
              "included script '"
                  + scriptName
                  + "' line "
                  + problem.line()
                  + ":"
                  + problem.column()
                  + ": "
                  + problem.message(),
              problem.warning()));
    }
    if (problems.stream().anyMatch(problem -> !problem.warning())) {
      // As in Pigeonhole: each level of a failed include chain says which script failed.
      error(position, "failed to compile included script '" + scriptName + "'");
    }
    return block;
  }

  /** The extensions the script required (valid after {@link #compile}). */
  public Set<String> required() {
    return Set.copyOf(required);
  }

  /** Compiles the script's top-level commands. */
  public Block compile(ScriptNode script) {
    List<CommandNode> commands = script.commands();
    int first = 0;
    while (first < commands.size() && isRequire(commands.get(first))) {
      require(commands.get(first));
      first++;
    }
    for (Map.Entry<String, Position> entry : requiredAt.entrySet()) {
      for (String needed : new java.util.TreeSet<>(registry.needs(entry.getKey()))) {
        if (!required.contains(needed)) {
          error(
              entry.getValue(),
              "extension '" + entry.getKey() + "' needs require \"" + needed + "\" as well");
          break;
        }
      }
    }
    return block(commands.subList(first, commands.size()), 1);
  }

  private static boolean isRequire(CommandNode command) {
    return command.name().equalsIgnoreCase("require");
  }

  private void require(CommandNode command) {
    Signature signature = Signature.of(ArgumentKind.STRING_LIST).named("capabilities");
    BoundArguments arguments =
        bind(command.name(), "command", command.arguments(), signature, command.position());
    boolean noTests =
        noSubtests(command.name(), "command", command.tests(), signature, command.position());
    if (arguments == null || !noTests) {
      return;
    }
    if (command.block().isPresent()) {
      error(
          command.position(),
          "the require command does not accept a command block: end it with ';'");
      return;
    }
    if (!typesFit(arguments, "command", signature)) {
      return;
    }
    Argument names = arguments.positional(0);
    for (String name : context.literals(names)) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!registry.supports(lower)) {
        error(names.position(), "unsupported extension '" + name + "' in require");
      } else {
        required.add(lower);
        required.addAll(registry.implied(lower));
        requiredAt.putIfAbsent(lower, names.position());
      }
    }
  }

  private Block block(List<CommandNode> commands, int depth) {
    List<ExecutableCommand> compiled = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      CommandNode command = commands.get(i);
      String name = command.name().toLowerCase(Locale.ROOT);
      String previous = i == 0 ? "" : commands.get(i - 1).name().toLowerCase(Locale.ROOT);
      switch (name) {
        case "require" ->
            error(command.position(), "'require' must come before all other commands");
        case "if" -> {
          List<ExecutableTest> conditions = new ArrayList<>();
          List<ExecutableCommand> branches = new ArrayList<>();
          conditions.add(condition(command, depth));
          branches.add(guardedBody(command, depth));
          while (i + 1 < commands.size()) {
            CommandNode next = commands.get(i + 1);
            String nextName = next.name().toLowerCase(Locale.ROOT);
            if (nextName.equals("elsif")) {
              conditions.add(condition(next, depth));
              branches.add(guardedBody(next, depth));
              i++;
            } else if (nextName.equals("else")) {
              noArguments(next);
              if (!next.tests().isEmpty()) {
                error(next.position(), "'else' takes no test; use 'elsif' for a condition");
              }
              branches.add(body(next, depth));
              i++;
              break;
            } else {
              break;
            }
          }
          compiled.add(new IfChain(conditions, branches));
        }
        case "elsif", "else" -> {
          // After a misplaced elsif, a following elsif/else is not reported again (Pigeonhole).
          if (!previous.equals("elsif")) {
            error(command.position(), "'" + name + "' must follow 'if' or 'elsif'");
          }
        }
        default -> {
          ExecutableCommand action = action(command, depth);
          if (action != null) {
            compiled.add(action);
          }
        }
      }
    }
    return new Block(compiled);
  }

  private ExecutableTest condition(CommandNode command, int depth) {
    noArguments(command);
    if (command.tests().size() != 1 || command.testList()) {
      error(
          command.position(),
          "'"
              + command.name()
              + "' needs exactly one test; combine tests with anyof(...) or allof(...)");
      return execution -> false;
    }
    return test(command.tests().get(0), depth + 1);
  }

  /** The block of an if/elsif, unless its condition asked for it to be skipped. */
  private ExecutableCommand guardedBody(CommandNode command, int depth) {
    boolean skip = skipBlock;
    skipBlock = false;
    if (skip && command.block().isPresent()) {
      return execution -> true;
    }
    return body(command, depth);
  }

  private ExecutableCommand body(CommandNode command, int depth) {
    if (command.block().isEmpty()) {
      error(command.position(), "'" + command.name() + "' needs a block in braces, not ';'");
      return execution -> true;
    }
    return block(command.block().get(), depth + 1);
  }

  private void noArguments(CommandNode command) {
    if (!command.arguments().isEmpty()) {
      error(command.position(), "'" + command.name() + "' takes no arguments");
    }
  }

  private ExecutableCommand action(CommandNode command, int depth) {
    CommandDefinition definition = registry.command(command.name());
    if (definition == null || !available(definition.extension())) {
      TestDefinition asTest = registry.test(command.name());
      if (asTest != null && available(asTest.extension())) {
        error(
            command.position(),
            "attempted to use test '"
                + command.name()
                + "' as command: tests are conditions, e.g. if "
                + command.name()
                + " ... { }");
      } else {
        unknownOnce(
            command.position(),
            "command",
            command.name(),
            definition == null ? null : definition.extension());
      }
      return null;
    }
    // Pigeonhole's order: arguments; a test is reported even when they fail (a missing ';' or
    // ':' turns words into tests), the block only when both are right, then the argument types.
    Signature signature = definition.signature();
    BoundArguments arguments =
        bind(command.name(), "command", command.arguments(), signature, command.position());
    boolean noTests =
        noSubtests(command.name(), "command", command.tests(), signature, command.position());
    if (arguments != null && !noTests) {
      arguments = null;
    } else if (arguments != null && command.block().isPresent() && !definition.takesBlock()) {
      error(
          command.position(),
          "the "
              + command.name()
              + " command does not accept a command block: end it with ';' instead of '{ ... }'");
      arguments = null;
    }
    if (arguments != null && !typesFit(arguments, "command", signature)) {
      arguments = null;
    }
    ExecutableCommand block = null;
    if (definition.takesBlock()) {
      enclosing.push(
          arguments != null
              ? arguments
              : new BoundArguments(command.name(), Map.of(), List.of(), command.position()));
      try {
        block = body(command, depth);
      } finally {
        enclosing.pop();
      }
    }
    if (arguments == null) {
      return null;
    }
    return definition.compiler().compile(arguments.withBlock(block), context);
  }

  private ExecutableTest test(TestNode test, int depth) {
    String name = test.name().toLowerCase(Locale.ROOT);
    switch (name) {
      case "not" -> {
        if (!test.arguments().isEmpty() || test.tests().size() != 1 || test.testList()) {
          error(test.position(), "'not' takes exactly one test");
          return execution -> false;
        }
        ExecutableTest inner = test(test.tests().get(0), depth + 1);
        return execution -> !inner.evaluate(execution);
      }
      case "allof", "anyof" -> {
        if (!test.arguments().isEmpty() || !test.testList()) {
          error(
              test.position(),
              "'" + name + "' takes a test list in parentheses: " + name + "(test, test)");
          return execution -> false;
        }
        List<ExecutableTest> inner = new ArrayList<>();
        for (TestNode child : test.tests()) {
          inner.add(test(child, depth + 1));
        }
        return name.equals("allof") ? new AllOf(inner) : new AnyOf(inner);
      }
      default -> {
        TestDefinition definition = registry.test(name);
        if (definition == null || !available(definition.extension())) {
          CommandDefinition asCommand = registry.command(name);
          if ((asCommand != null && available(asCommand.extension())) || isControl(name)) {
            error(
                test.position(),
                "attempted to use command '"
                    + test.name()
                    + "' as test: commands cannot be used as conditions");
          } else {
            unknownOnce(
                test.position(),
                "test",
                test.name(),
                definition == null ? null : definition.extension());
          }
          return execution -> false;
        }
        Signature signature = definition.signature();
        BoundArguments arguments =
            bind(test.name(), "test", test.arguments(), signature, test.position());
        boolean noTests = noSubtests(test.name(), "test", test.tests(), signature, test.position());
        if (arguments == null || !noTests || !typesFit(arguments, "test", signature)) {
          return execution -> false;
        }
        return definition.compiler().compile(arguments, context);
      }
    }
  }

  private boolean available(String extension) {
    return extension == null || required.contains(extension);
  }

  /**
   * Reports an unknown command or test at its first occurrence only, as Pigeonhole does, so one
   * misspelling does not drown the other errors.
   */
  private void unknownOnce(Position position, String kind, String name, String extension) {
    if (reportedUnknown.add(kind + " " + name.toLowerCase(Locale.ROOT))) {
      error(position, unknown(kind, name, extension) + " (reported only at its first use)");
    }
  }

  private static String unknown(String kind, String name, String extension) {
    if (extension != null) {
      return kind + " '" + name + "' needs require \"" + extension + "\"";
    }
    return "unknown " + kind + " '" + name + "'";
  }

  private static boolean isControl(String name) {
    return switch (name) {
      case "if", "elsif", "else", "require" -> true;
      default -> false;
    };
  }

  /**
   * Checks that a command or test taking no tests has none. A test there is most often a typo, as
   * Pigeonhole explains: a missing ';' makes the next command a test, a missing ':' makes a tag
   * one.
   */
  private boolean noSubtests(
      String name, String kind, List<TestNode> tests, Signature signature, Position position) {
    if (tests.isEmpty()) {
      return true;
    }
    String testName = tests.get(0).name().toLowerCase(Locale.ROOT);
    TestDefinition asTest = registry.test(testName);
    boolean isTest =
        (asTest != null && available(asTest.extension()))
            || switch (testName) {
              case "not", "anyof", "allof" -> true;
              default -> false;
            };
    CommandDefinition asCommand = registry.command(testName);
    boolean isCommand =
        (asCommand != null && available(asCommand.extension())) || isControl(testName);
    if (isTest) {
      error(
          position,
          "the "
              + name
              + " "
              + kind
              + " accepts no sub-tests, but tests are specified: remove '"
              + tests.get(0).name()
              + "'");
    } else if (!isCommand && signature.tags().stream().anyMatch(t -> t.name().equals(testName))) {
      error(position, "missing colon ':' before ':" + testName + "' tag in " + name + " " + kind);
    } else {
      error(
          position,
          "missing semicolon ';' after "
              + name
              + " "
              + kind
              + " (before '"
              + tests.get(0).name()
              + "')");
    }
    return false;
  }

  /**
   * Matches arguments against a signature as Pigeonhole does: every tag must be known, tags (with
   * their values) come first, then exactly the positional arguments. Returns null after reporting
   * the first problem (one error per command, not one per argument). Types of positional arguments
   * are checked later by {@link #typesFit}.
   */
  private BoundArguments bind(
      String name, String kind, List<Argument> arguments, Signature signature, Position position) {
    String what = name + " " + kind;
    for (Argument argument : arguments) {
      if (argument instanceof TagArgument tag && spec(signature, tag) == null) {
        String tagName = tag.name().toLowerCase(Locale.ROOT);
        // Reported once per command and tag, as in Pigeonhole.
        if (reportedUnknown.add("tag " + name.toLowerCase(Locale.ROOT) + " " + tagName)) {
          error(
              tag.position(),
              "unknown tagged argument ':"
                  + tag.name()
                  + "' for the "
                  + what
                  + " (reported only once at first occurrence)");
        }
        return null;
      }
    }
    Map<String, Argument> tags = new HashMap<>();
    Map<String, String> groups = new HashMap<>();
    int i = 0;
    for (; i < arguments.size() && arguments.get(i) instanceof TagArgument tag; i++) {
      TagSpec spec = spec(signature, tag);
      String tagName = spec.name();
      if (!available(spec.extension())) {
        error(
            tag.position(), "tag ':" + tag.name() + "' needs require \"" + spec.extension() + "\"");
        return null;
      }
      if (tags.containsKey(tagName)) {
        error(tag.position(), "encountered duplicate :" + tagName + " argument for the " + what);
        return null;
      }
      if (spec.group() != null) {
        String other = groups.putIfAbsent(spec.group(), tagName);
        if (other != null) {
          error(
              tag.position(),
              "':"
                  + tag.name()
                  + "' conflicts with ':"
                  + other
                  + "' (only one "
                  + spec.group()
                  + " allowed)");
          return null;
        }
      }
      Argument value = tag;
      if (spec.value() != null) {
        Argument next = i + 1 < arguments.size() ? arguments.get(i + 1) : null;
        if (next == null || !fits(next, spec.value())) {
          error(
              tag.position(),
              "the :"
                  + tag.name()
                  + " tag for the "
                  + what
                  + " requires "
                  + spec.value().describe()
                  + " as parameter, but "
                  + (next == null
                      ? "none was found"
                      : CompileContext.describe(next) + " was found"));
          return null;
        }
        value = next;
        i++;
      }
      tags.put(tagName, value);
    }
    List<Argument> positional = new ArrayList<>();
    for (; i < arguments.size(); i++) {
      if (arguments.get(i) instanceof TagArgument tag) {
        error(
            tag.position(),
            "encountered an unexpected tagged argument ':"
                + tag.name()
                + "' while validating positional arguments for the "
                + what
                + ": tags go before the positional arguments");
        return null;
      }
      positional.add(arguments.get(i));
    }
    List<ArgumentKind> expected = signature.positional();
    if (positional.size() < signature.required() || positional.size() > expected.size()) {
      String count =
          signature.required() == expected.size()
              ? String.valueOf(expected.size())
              : signature.required() + " to " + expected.size();
      error(
          position,
          "the "
              + what
              + " requires "
              + count
              + " positional argument"
              + (expected.size() == 1 ? "" : "s")
              + ", but "
              + positional.size()
              + (positional.size() == 1 ? " is" : " are")
              + " specified");
      return null;
    }
    return new BoundArguments(name, tags, positional, position);
  }

  private static TagSpec spec(Signature signature, TagArgument tag) {
    String tagName = tag.name().toLowerCase(Locale.ROOT);
    TagSpec found = null;
    for (TagSpec candidate : signature.tags()) {
      if (candidate.name().equals(tagName)) {
        found = candidate;
      }
    }
    return found;
  }

  /** Checks the types of the positional arguments; reports the first that does not fit. */
  private boolean typesFit(BoundArguments arguments, String kind, Signature signature) {
    List<Argument> positional = arguments.positional();
    for (int i = 0; i < positional.size(); i++) {
      if (!fits(positional.get(i), signature.positional().get(i))) {
        String argumentName = signature.name(i);
        error(
            positional.get(i).position(),
            "the "
                + arguments.name()
                + " "
                + kind
                + " expects "
                + signature.positional().get(i).describe()
                + " as argument "
                + (i + 1)
                + (argumentName == null ? "" : " (" + argumentName + ")")
                + ", but "
                + CompileContext.describe(positional.get(i))
                + " was found");
        return false;
      }
    }
    return true;
  }

  private static boolean fits(Argument argument, ArgumentKind kind) {
    return switch (kind) {
      case STRING -> argument instanceof StringArgument;
      case STRING_LIST ->
          argument instanceof StringArgument || argument instanceof StringListArgument;
      case NUMBER -> argument instanceof NumberArgument;
    };
  }

  private void error(Position position, String message) {
    diagnostics.add(new SieveDiagnostic(position.line(), position.column(), message));
  }
}
