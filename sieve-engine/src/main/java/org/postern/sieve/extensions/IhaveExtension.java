package org.postern.sieve.extensions;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.runtime.SieveString;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TestDefinition;

/**
 * RFC 5463 ihave and error. {@code ihave} is decided at compile time: when every capability is
 * supported it holds and enables them for the rest of the script; otherwise it is false and the
 * block it guards is not compiled, so it may use commands this engine does not know. Extensions
 * that change how scripts are parsed (variables, encoded-character) can never be enabled this way.
 */
public final class IhaveExtension implements SieveExtension {

  private static final Set<String> PARSE_TIME = Set.of("variables", "encoded-character");

  @Override
  public String name() {
    return "ihave";
  }

  @Override
  public void register(Registry registry) {
    registry.test(
        new TestDefinition(
            "ihave",
            "ihave",
            Signature.of(ArgumentKind.STRING_LIST),
            (arguments, context) -> {
              List<String> capabilities = context.literals(arguments.positional(0));
              boolean all = true;
              for (String capability : capabilities) {
                String lower = capability.toLowerCase(Locale.ROOT);
                if (!context.supports(lower)
                    || PARSE_TIME.contains(lower)
                    || lower.equals("core")) {
                  all = false;
                }
              }
              if (!all) {
                context.skipBlock();
                return execution -> false;
              }
              for (String capability : capabilities) {
                context.enable(capability);
              }
              return execution -> true;
            }));
    registry.command(
        new CommandDefinition(
            "error",
            "ihave",
            Signature.of(ArgumentKind.STRING),
            (arguments, context) -> {
              SieveString message = context.string(arguments.positional(0));
              return execution -> {
                throw new SieveRuntimeException("error: " + message.evaluate(execution));
              };
            }));
  }
}
