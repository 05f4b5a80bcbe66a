package org.postern.sieve.extensions;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5183 environment test. Items come from the run input; {@code name}, {@code version}, {@code
 * location} and {@code phase} have defaults describing Postern at delivery.
 */
public final class EnvironmentExtension implements SieveExtension {

  private static final Map<String, String> DEFAULTS =
      Map.of("name", "Postern", "version", "0.1", "location", "MDA", "phase", "during");

  @Override
  public String name() {
    return "environment";
  }

  @Override
  public void register(Registry registry) {
    registry.test(
        new TestDefinition(
            "environment",
            "environment",
            new Signature(
                CommonTags.match(), List.of(ArgumentKind.STRING, ArgumentKind.STRING_LIST), 2),
            (arguments, context) -> {
              Matcher matcher = context.matcher(arguments);
              context.checkRegexKeys(matcher, arguments.positional(1));
              SieveString name = context.string(arguments.positional(0));
              List<SieveString> keys = context.strings(arguments.positional(1));
              return execution -> {
                String value = item(execution, name.evaluate(execution).toLowerCase(Locale.ROOT));
                if (value == null) {
                  return false;
                }
                return Matching.test(
                    matcher, List.of(value), SieveString.evaluateAll(keys, execution), execution);
              };
            }));
  }

  private static String item(Execution execution, String name) {
    Map<String, String> items = new HashMap<>(DEFAULTS);
    items.putAll(execution.input().environment());
    return items.get(name);
  }
}
