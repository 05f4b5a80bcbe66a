package org.postern.sieve.extensions;

import java.util.ArrayList;
import java.util.List;
import org.postern.sieve.mime.MimePart;
import org.postern.sieve.runtime.ExecutableCommand;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.BoundArguments;
import org.postern.sieve.validation.CommandDefinition;
import org.postern.sieve.validation.CompileContext;
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

  /** How deeply foreverypart loops may nest (Pigeonhole's limit). */
  public static final int MAX_NESTING = 4;

  private static List<BoundArguments> loops(CompileContext context) {
    return context.enclosingCommands().stream()
        .filter(command -> command.name().equalsIgnoreCase("foreverypart"))
        .toList();
  }

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
              if (loops(context).size() >= MAX_NESTING) {
                context.error(
                    arguments.position(),
                    "foreverypart loops nested deeper than the limit of " + MAX_NESTING);
              }
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
                  if (execution.enterPartLoop() > MAX_NESTING) {
                    throw new SieveRuntimeException(
                        "foreverypart loops nested deeper than the limit of " + MAX_NESTING);
                  }
                  for (MimePart part : parts) {
                    execution.currentPart(part);
                    if (!block.execute(execution)) {
                      return execution.takeBreak(name);
                    }
                  }
                  return true;
                } finally {
                  execution.leavePartLoop();
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
              List<BoundArguments> loops = loops(context);
              if (loops.isEmpty()) {
                context.error(arguments.position(), "'break' is only allowed inside foreverypart");
              } else if (name != null
                  && loops.stream()
                      .noneMatch(
                          loop ->
                              loop.has("name") && name.equals(context.literal(loop.tag("name"))))) {
                context.error(
                    arguments.position(),
                    "'break :name \""
                        + name
                        + "\"' is not inside a foreverypart loop of that name");
              }
              return execution -> execution.breakLoop(name);
            }));
  }
}
