package org.postern.sieve.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postern.sieve.SieveDiagnostic;
import org.postern.sieve.SieveLimits;
import org.postern.sieve.match.Comparator;
import org.postern.sieve.match.ListLookup;
import org.postern.sieve.match.MatchKind;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.match.Relation;
import org.postern.sieve.parser.Argument;
import org.postern.sieve.parser.NumberArgument;
import org.postern.sieve.parser.Position;
import org.postern.sieve.parser.StringArgument;
import org.postern.sieve.parser.StringListArgument;
import org.postern.sieve.parser.TagArgument;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.runtime.VariableNamespace;
import org.postern.sieve.runtime.VariableTemplate;

/**
 * What command and test compilers see: the required extensions, the limits, helpers turning
 * arguments into run-time strings (with encoded-character and variables applied) and a place to
 * report problems.
 */
public final class CompileContext {

  /** Longest element of a variable name, as in Pigeonhole. */
  public static final int MAX_VARIABLE_NAME_LENGTH = 64;

  /** Highest match variable a script may refer to, as in Pigeonhole. */
  public static final int MAX_MATCH_INDEX = 32;

  private final List<SieveDiagnostic> diagnostics;
  private final Set<String> required;
  private final SieveLimits limits;
  private final Validator validator;
  private final java.util.Map<Class<?>, Object> scriptState = new java.util.HashMap<>();

  CompileContext(
      List<SieveDiagnostic> diagnostics,
      Set<String> required,
      SieveLimits limits,
      Validator validator) {
    this.diagnostics = diagnostics;
    this.required = required;
    this.limits = limits;
    this.validator = validator;
  }

  /** Whether the compiler knows {@code extension} (for ihave). */
  public boolean supports(String extension) {
    return validator.supports(extension);
  }

  /** The compiler's extension named {@code name}, or {@code null}: for settings it carries. */
  public SieveExtension extension(String name) {
    return validator.extension(name);
  }

  /**
   * The block commands (such as {@code foreverypart}) whose block contains the command being
   * compiled, innermost first; for commands valid only inside a loop and loop nesting limits.
   */
  public List<BoundArguments> enclosingCommands() {
    return validator.enclosingCommands();
  }

  /** Enables {@code extension} for the rest of the script, as ihave does when it holds. */
  public void enable(String extension) {
    required.add(extension.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Asks the validator not to compile the block of the {@code if}/{@code elsif} whose condition is
   * being compiled: it can never run, so commands of unknown extensions in it are not errors (RFC
   * 5463 section 4).
   */
  public void skipBlock() {
    validator.skipBlock();
  }

  /**
   * State an extension keeps for one compilation across the scripts it includes (include's cycle
   * detection), created on first use.
   */
  public <T> T compilationState(Class<T> type, java.util.function.Supplier<T> create) {
    return validator.compilationState(type, create);
  }

  /** State kept for the script being compiled only (not shared with its includes). */
  public <T> T scriptState(Class<T> type, java.util.function.Supplier<T> create) {
    return type.cast(scriptState.computeIfAbsent(type, k -> create.get()));
  }

  /**
   * Compiles an included script with its own requires; its errors are reported at {@code position}
   * of the including command.
   */
  public org.postern.sieve.runtime.Block compileIncluded(
      String scriptName, String source, Position position) {
    return validator.compileIncluded(scriptName, source, position);
  }

  /** Reports a problem at {@code position}. */
  public void error(Position position, String message) {
    diagnostics.add(new SieveDiagnostic(position.line(), position.column(), message));
  }

  /** Reports something worth the author's attention that does not stop compiling. */
  public void warning(Position position, String message) {
    diagnostics.add(SieveDiagnostic.warning(position.line(), position.column(), message));
  }

  /** Whether the script required {@code extension}. */
  public boolean requires(String extension) {
    return required.contains(extension);
  }

  /** The compiler's limits. */
  public SieveLimits limits() {
    return limits;
  }

  /** The literal text of a string argument after encoded-character decoding. */
  public String literal(Argument argument) {
    String value = ((StringArgument) argument).value();
    return requires("encoded-character")
        ? EncodedCharacters.decode(value, argument.position(), this)
        : value;
  }

  /** The literal texts of a string or string list argument. */
  public List<String> literals(Argument argument) {
    List<String> values = new ArrayList<>();
    if (argument instanceof StringArgument) {
      values.add(literal(argument));
    } else {
      for (String value : ((StringListArgument) argument).values()) {
        values.add(
            requires("encoded-character")
                ? EncodedCharacters.decode(value, argument.position(), this)
                : value);
      }
    }
    return values;
  }

  /** A string argument as a run-time string (a template when variables are in use). */
  public SieveString string(Argument argument) {
    return runtime(literal(argument), argument.position());
  }

  /** A string or string list argument as run-time strings. */
  public List<SieveString> strings(Argument argument) {
    List<SieveString> strings = new ArrayList<>();
    for (String value : literals(argument)) {
      strings.add(runtime(value, argument.position()));
    }
    return List.copyOf(strings);
  }

  private SieveString runtime(String value, Position position) {
    if (!requires("variables")) {
      return SieveString.of(value);
    }
    for (String name : VariableTemplate.references(value)) {
      if (!checkVariableName(name, position, false)) {
        break;
      }
    }
    return VariableTemplate.compile(value, this::variableNamespace);
  }

  /**
   * The namespace named {@code name} (lower case) that a required extension provides, or {@code
   * null}.
   */
  public VariableNamespace variableNamespace(String name) {
    for (String extension : required) {
      SieveExtension provider = validator.extension(extension);
      VariableNamespace namespace =
          provider == null ? null : provider.variableNamespaces().get(name);
      if (namespace != null) {
        return namespace;
      }
    }
    return null;
  }

  /**
   * Checks a variable name that is read ({@code assigned} false) or set: elements at most {@value
   * #MAX_VARIABLE_NAME_LENGTH} characters, match indexes at most {@value #MAX_MATCH_INDEX}, a
   * namespace only when a required extension provides it (and lets it be set). Reports the first
   * problem at {@code position}.
   *
   * @return whether the name is acceptable
   */
  public boolean checkVariableName(String name, Position position, boolean assigned) {
    if (Character.isDigit(name.charAt(0))) {
      String digits = name.replaceFirst("^0+(?=.)", "");
      if (digits.length() > 3 || Integer.parseInt(digits) > MAX_MATCH_INDEX) {
        error(
            position,
            "match variable ${"
                + name
                + "} does not exist: the highest is ${"
                + MAX_MATCH_INDEX
                + "}");
        return false;
      }
      return true;
    }
    for (String element : name.split("\\.", -1)) {
      if (element.length() > MAX_VARIABLE_NAME_LENGTH) {
        error(
            position,
            "variable name '"
                + name
                + "' is too long: at most "
                + MAX_VARIABLE_NAME_LENGTH
                + " characters per name element");
        return false;
      }
    }
    int dot = name.indexOf('.');
    if (dot < 0) {
      return true;
    }
    String namespaceName = name.substring(0, dot).toLowerCase(java.util.Locale.ROOT);
    VariableNamespace namespace = variableNamespace(namespaceName);
    if (namespace == null) {
      error(
          position,
          "variable '"
              + name
              + "' is in unknown namespace '"
              + namespaceName
              + "': names containing '.' need the extension providing the namespace (such as"
              + " include's 'global.')");
      return false;
    }
    if (assigned && !namespace.writable()) {
      error(
          position,
          "variable '" + name + "' cannot be set: namespace '" + namespaceName + "' is read-only");
      return false;
    }
    return true;
  }

  /**
   * The value of a number argument, capped at {@link Long#MAX_VALUE}: numbers above it (Sieve
   * allows up to 2^64-1) behave the same for every size, count, index or duration compared with
   * them.
   */
  public long number(Argument argument) {
    long value = ((NumberArgument) argument).value();
    return value < 0 ? Long.MAX_VALUE : value;
  }

  /** The match specification from the comparator and match-type tags, with their checks. */
  public Matcher matcher(BoundArguments arguments) {
    Comparator comparator = Comparator.named("i;ascii-casemap");
    if (arguments.has("comparator")) {
      Argument value = arguments.tag("comparator");
      String name = literal(value);
      comparator = Comparator.named(name);
      if (comparator == null) {
        error(value.position(), "unknown comparator '" + name + "'");
        comparator = Comparator.named("i;ascii-casemap");
      } else if (name.equalsIgnoreCase("i;ascii-numeric")
          && !requires("comparator-i;ascii-numeric")) {
        error(
            value.position(),
            "comparator 'i;ascii-numeric' needs require \"comparator-i;ascii-numeric\"");
      }
    }
    MatchKind kind = MatchKind.IS;
    Relation relation = null;
    for (MatchKind candidate : MatchKind.values()) {
      String tag = candidate.name().toLowerCase(java.util.Locale.ROOT);
      if (arguments.has(tag)) {
        kind = candidate;
        if (candidate == MatchKind.VALUE || candidate == MatchKind.COUNT) {
          Argument operator = arguments.tag(tag);
          String text = literal(operator);
          relation = Relation.named(text);
          if (relation == null) {
            error(
                operator.position(),
                "unknown relational operator '" + text + "': use gt, ge, lt, le, eq or ne");
            relation = Relation.EQ;
          }
        }
      }
    }
    if ((kind == MatchKind.CONTAINS || kind == MatchKind.MATCHES || kind == MatchKind.REGEX)
        && !comparator.supportsSubstring()) {
      error(
          arguments.position(),
          "comparator '"
              + comparator.name()
              + "' cannot be used with :"
              + kind.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (kind == MatchKind.LIST) {
      if (arguments.has("comparator")) {
        // RFC 6134 section 2.3: lists decide equality themselves.
        error(
            arguments.tag("list").position(),
            "the :list match type does not allow a comparator: remove :comparator");
      }
      ListLookup lists =
          extension("extlists") instanceof ListLookup lookup ? lookup : ListLookup.NONE;
      return new Matcher(kind, null, comparator, lists);
    }
    return new Matcher(kind, relation, comparator);
  }

  /** Checks constant :regex keys at compile time so bad expressions are compile errors. */
  public void checkRegexKeys(Matcher matcher, Argument keys) {
    if (matcher.kind() != MatchKind.REGEX) {
      return;
    }
    for (SieveString key : strings(keys)) {
      if (key.constant() != null) {
        try {
          Matcher.compileRegex(key.constant(), matcher.comparator());
        } catch (com.google.re2j.PatternSyntaxException e) {
          error(
              keys.position(),
              "invalid regular expression '" + key.constant() + "': " + e.getDescription());
        }
      }
    }
  }

  /** Describes an argument for error messages. */
  public static String describe(Argument argument) {
    if (argument instanceof StringArgument) {
      return "a string";
    }
    if (argument instanceof StringListArgument) {
      return "a string list";
    }
    if (argument instanceof NumberArgument) {
      return "a number";
    }
    return "tag ':" + ((TagArgument) argument).name() + "'";
  }
}
