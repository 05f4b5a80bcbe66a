package org.postern.sieve.extensions;

import java.util.ArrayList;
import java.util.List;
import org.postern.sieve.mime.MimePart;
import org.postern.sieve.runtime.ExecutableCommand;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.Registry;
import org.postern.sieve.validation.SieveExtension;
import org.postern.sieve.validation.Signature;
import org.postern.sieve.validation.TagSpec;

/**
 * RFC 5703 foreverypart and break. The loop visits the MIME parts in depth-first order: at the top
 * level the whole message first, then every part below it; nested, the parts below the enclosing
 * loop's part. {@code break [:name n]} leaves the innermost (or the named) loop.
 */
public final class ForEveryPartExtension implements SieveExtension {

  @Override
  public String name() {
    return "foreverypart";
  }

  @Override
  public void register(Registry registry) {
    registry.command(
        new CommandDefinition(
            "foreverypart",
            "foreverypart",
            new Signature(
                List.of(new TagSpec("name", ArgumentKind.STRING, null, null)), List.of(), 0),
            true,
            (arguments, context) -> {
              String name = arguments.has("name") ? context.literal(arguments.tag("name")) : null;
              ExecutableCommand block = arguments.block();
              return execution -> {
                boolean nested = execution.inPartLoop();
                MimePart outer = execution.currentPart();
                List<MimePart> parts = new ArrayList<>();
                if (!nested) {
                  parts.add(outer);
                }
                HeaderScope.descendants(outer, parts);
                try {
                  for (MimePart part : parts) {
                    execution.currentPart(part);
                    if (!block.execute(execution)) {
                      return execution.takeBreak(name);
                    }
                  }
                  return true;
                } finally {
                  execution.currentPart(nested ? outer : null);
                }
              };
            }));
    registry.command(
        new CommandDefinition(
            "break",
            "foreverypart",
            new Signature(
                List.of(new TagSpec("name", ArgumentKind.STRING, null, null)), List.of(), 0),
            (arguments, context) -> {
              String name = arguments.has("name") ? context.literal(arguments.tag("name")) : null;
              return execution -> execution.breakLoop(name);
            }));
  }
}
