package org.postern.sieve.extensions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5232 imap4flags: setflag, addflag, removeflag, hasflag over the internal flags variable or a
 * named variable, and :flags on keep/fileinto.
 */
public final class Imap4FlagsExtension implements SieveExtension {

  @Override
  public String name() {
    return "imap4flags";
  }

  /** The flags an action stores with: the explicit :flags list, else the internal variable. */
  static List<String> flagsFor(Execution execution, List<SieveString> explicit) {
    if (explicit == null) {
      return new ArrayList<>(execution.flags());
    }
    return new ArrayList<>(split(SieveString.evaluateAll(explicit, execution)));
  }

  private static Set<String> split(List<String> values) {
    Set<String> flags = new LinkedHashSet<>();
    for (String value : values) {
      // value.trim() split at runs of what the regex \s matches, without a regex on a hot path.
      String trimmed = value.trim();
      int start = 0;
      for (int i = 0; i <= trimmed.length(); i++) {
        if (i == trimmed.length() || isWhitespace(trimmed.charAt(i))) {
          if (i > start) {
            String flag = trimmed.substring(start, i);
            if (!containsIgnoringCase(flags, flag)) {
              flags.add(flag);
            }
          }
          start = i + 1;
        }
      }
    }
    return flags;
  }

  // What the regex \s matches.
  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean containsIgnoringCase(Set<String> flags, String flag) {
    for (String existing : flags) {
      if (existing.equalsIgnoreCase(flag)) {
        return true;
      }
    }
    return false;
  }

  private enum Operation {
    SET,
    ADD,
    REMOVE
  }

  @Override
  public void register(Registry registry) {
    for (Operation operation : Operation.values()) {
      String name = operation.name().toLowerCase(Locale.ROOT) + "flag";
      registry.command(
          new CommandDefinition(
              name,
              "imap4flags",
              Signature.of(ArgumentKind.STRING_LIST, ArgumentKind.STRING_LIST).optionalLast(1),
              (arguments, context) -> {
                String variable;
                List<SieveString> flags;
                if (arguments.positional().size() == 2) {
                  variable = context.literal(arguments.positional(0)).toLowerCase(Locale.ROOT);
                  flags = context.strings(arguments.positional(1));
                } else {
                  variable = null;
                  flags = context.strings(arguments.positional(0));
                }
                return execution -> {
                  apply(execution, variable, operation, SieveString.evaluateAll(flags, execution));
                  return true;
                };
              }));
    }
    registry.test(
        new TestDefinition(
            "hasflag",
            "imap4flags",
            new Signature(
                CommonTags.match(), List.of(ArgumentKind.STRING_LIST, ArgumentKind.STRING_LIST), 1),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              List<SieveString> variables;
              List<SieveString> keys;
              if (arguments.positional().size() == 2) {
                variables = context.strings(arguments.positional(0));
                keys = context.strings(arguments.positional(1));
              } else {
                variables = null;
                keys = context.strings(arguments.positional(0));
              }
              return execution -> {
                List<String> values = new ArrayList<>();
                if (variables == null) {
                  values.addAll(execution.flags());
                } else {
                  for (String name : SieveString.evaluateAll(variables, execution)) {
                    values.addAll(
                        split(List.of(execution.variables().value(name.toLowerCase(Locale.ROOT)))));
                  }
                }
                List<String> keyFlags =
                    new ArrayList<>(split(SieveString.evaluateAll(keys, execution)));
                return Matching.test(matcher, values, keyFlags, execution);
              };
            }));
  }

  private static void apply(
      Execution execution, String variable, Operation operation, List<String> values)
      throws SieveRuntimeException {
    Set<String> current;
    if (variable == null) {
      current = execution.flags();
    } else {
      current = split(List.of(execution.variables().value(variable)));
    }
    Set<String> given = split(values);
    switch (operation) {
      case SET -> {
        current.clear();
        current.addAll(given);
      }
      case ADD -> {
        for (String flag : given) {
          if (!containsIgnoringCase(current, flag)) {
            current.add(flag);
          }
        }
      }
      case REMOVE -> current.removeIf(f -> given.stream().anyMatch(g -> g.equalsIgnoreCase(f)));
    }
    if (variable != null) {
      execution.variables().set(variable, String.join(" ", current));
    }
  }
}
