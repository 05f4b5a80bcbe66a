package org.postern.sieve.include;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.postern.sieve.parser.Argument;
import org.postern.sieve.runtime.Block;
import org.postern.sieve.runtime.ExecutableCommand;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.VariableNamespace;
import org.postern.sieve.runtime.VariableTemplate;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.BoundArguments;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.CompileContext;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.ScriptVariables;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;

/**
 * RFC 6609 include: {@code include [:personal|:global] [:once] [:optional] name}, {@code return}
 * and {@code global}. Included scripts are resolved and compiled with the including script, each
 * with its own requires; a cycle without {@code :once}, a missing script without {@code :optional},
 * too many includes or too deep nesting are compile errors.
 */
public final class IncludeExtension implements SieveExtension {

  private static final String NAME = "include";

  private final ScriptResolver resolver;
  private final int maxIncludes;

  /** Include with no scripts to find (every include without :optional fails to compile). */
  public IncludeExtension() {
    this(ScriptResolver.NONE, 255);
  }

  /** Include resolving scripts through {@code resolver}, at most {@code maxIncludes} per script. */
  public IncludeExtension(ScriptResolver resolver, int maxIncludes) {
    this.resolver = resolver;
    this.maxIncludes = maxIncludes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, VariableNamespace> variableNamespaces() {
    return Map.of("global", GLOBAL);
  }

  /** RFC 6609 section 3.5: {@code global.name} is the global variable {@code name}. */
  private static final VariableNamespace GLOBAL =
      new VariableNamespace() {
        @Override
        public String value(String name, Execution execution) {
          return execution.variables().value("global." + name);
        }

        @Override
        public boolean writable() {
          return true;
        }
      };

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            "include",
            NAME,
            new Signature(
                List.of(
                    new TagSpec("personal", null, null, "location"),
                    new TagSpec("global", null, null, "location"),
                    TagSpec.flag("once"),
                    TagSpec.flag("optional")),
                List.of(ArgumentKind.STRING),
                1),
            this::compileInclude));
    registry.command(
        new CommandDefinition(
            "return",
            NAME,
            Signature.of(),
            (arguments, context) -> execution -> execution.returnFromScript()));
    registry.command(
        new CommandDefinition(
            "global",
            NAME,
            Signature.of(ArgumentKind.STRING_LIST),
            (arguments, context) -> {
              if (!context.requires("variables")) {
                context.error(arguments.position(), "'global' needs require \"variables\"");
              }
              List<String> names = context.literals(arguments.positional(0));
              for (String name : names) {
                if (!VariableTemplate.isVariableName(name)
                    || Character.isDigit(name.charAt(0))
                    || name.contains(".")) {
                  context.error(
                      arguments.positional(0).position(),
                      "'" + name + "' is not a valid global variable name");
                }
              }
              List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
              ScriptVariables declared = ScriptVariables.of(context);
              for (String name : lower) {
                if (!declared.declareGlobal(name)) {
                  context.error(
                      arguments.positional(0).position(),
                      "variable '"
                          + name
                          + "' is already used as a local variable: declare it global before"
                          + " its first use");
                  break;
                }
              }
              return execution -> {
                for (String name : lower) {
                  execution.variables().declareGlobal(name);
                }
                return true;
              };
            }));
  }

  /** Per-compilation bookkeeping: scripts being compiled (for cycles), compiled ones, count. */
  private static final class Compilation {
    final Deque<String> stack = new ArrayDeque<>();
    final Map<String, IncludedScript> compiled = new HashMap<>();
    int includes;
  }

  /** A compiled included script; filled in once its compilation ends (cycles with :once). */
  private static final class IncludedScript {
    private ExecutableCommand block = new Block(List.of());

    ExecutableCommand block() {
      return block;
    }
  }

  private ExecutableCommand compileInclude(BoundArguments arguments, CompileContext context) {
    Argument nameArgument = arguments.positional(0);
    if (!(context.string(nameArgument).constant() != null)) {
      context.error(nameArgument.position(), "the script name of include must be a constant");
      return execution -> true;
    }
    String name = context.literal(nameArgument);
    if (name.endsWith(".sieve") && name.length() > ".sieve".length()) {
      // A script named with its file extension is the same script, as in Pigeonhole.
      name = name.substring(0, name.length() - ".sieve".length());
    }
    ScriptLocation location =
        arguments.has("global") ? ScriptLocation.GLOBAL : ScriptLocation.PERSONAL;
    boolean once = arguments.has("once");
    boolean optional = arguments.has("optional");
    String problem = nameProblem(name);
    if (problem != null) {
      context.error(
          nameArgument.position(), "include: invalid script name '" + name + "': " + problem);
      return execution -> true;
    }
    Compilation compilation = context.compilationState(Compilation.class, Compilation::new);
    String key = location.name().toLowerCase(Locale.ROOT) + ":" + name;
    IncludedScript script = compilation.compiled.get(key);
    if (compilation.stack.contains(key) && !once) {
      context.error(
          arguments.position(),
          "circular include: script '" + name + "' includes itself (directly or indirectly)");
      return execution -> true;
    }
    if (++compilation.includes > maxIncludes) {
      context.error(
          arguments.position(), "too many includes: the limit is " + maxIncludes + " per script");
      return execution -> true;
    }
    if (script == null) {
      if (compilation.stack.size() + 1 > context.limits().maxIncludeDepth()) {
        context.error(
            arguments.position(),
            "include nested deeper than the limit of " + context.limits().maxIncludeDepth());
        return execution -> true;
      }
      Optional<String> source;
      try {
        source = resolver.find(location, name);
      } catch (IOException e) {
        context.error(
            arguments.position(), "include: cannot read script '" + name + "': " + e.getMessage());
        return execution -> true;
      }
      if (source.isEmpty()) {
        if (!optional) {
          context.error(
              arguments.position(),
              "included "
                  + location.name().toLowerCase(Locale.ROOT)
                  + " script '"
                  + name
                  + "' does not exist");
        }
        return execution -> true;
      }
      script = new IncludedScript();
      compilation.compiled.put(key, script);
      compilation.stack.push(key);
      try {
        script.block = context.compileIncluded(name, source.get(), arguments.position());
      } finally {
        compilation.stack.pop();
      }
    }
    IncludedScript included = script;
    return execution -> {
      if (execution.markIncluded(key) && once) {
        return true;
      }
      return execution.runIncluded(included.block());
    };
  }

  /** Why a script name is not acceptable (RFC 6609 / Pigeonhole), or {@code null}. */
  static String nameProblem(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.length() > 256) {
      return "it is longer than 256 characters";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/') {
        return "it contains '/'";
      }
      if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
        return "it contains a control character";
      }
    }
    return null;
  }
}
