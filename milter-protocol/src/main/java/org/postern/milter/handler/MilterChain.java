package org.postern.milter.handler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several filters in one milter session, called in order at each stage. The first verdict that
 * decides (anything but CONTINUE and SKIP) is the chain's answer and the filters after it are not
 * called for that stage; the MTA then sends nothing more for the message. Modifications of every
 * filter that reached end of message go out in filter order. A filter answering SKIP gets no more
 * body; the chain answers SKIP when every filter did. Requirements are merged by {@link #merge}.
 */
public final class MilterChain implements MilterHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MilterChain.class);

  private final List<MilterHandler> handlers;
  private final boolean[] bodySkipped;

  /** A chain of {@code handlers}, called in list order. */
  public MilterChain(List<? extends MilterHandler> handlers) {
    if (handlers.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one handler");
    }
    this.handlers = List.copyOf(handlers);
    this.bodySkipped = new boolean[handlers.size()];
  }

  /** A chain of {@code handlers}, called in argument order. */
  public static MilterChain of(MilterHandler... handlers) {
    return new MilterChain(List.of(handlers));
  }

  /** A factory making one chain per connection from one handler per factory, in order. */
  public static Supplier<MilterHandler> factory(
      List<? extends Supplier<? extends MilterHandler>> factories) {
    List<Supplier<? extends MilterHandler>> copy = List.copyOf(factories);
    return () -> {
      List<MilterHandler> handlers = new ArrayList<>();
      copy.forEach(factory -> handlers.add(factory.get()));
      return new MilterChain(handlers);
    };
  }

  /** The filters, in order. */
  public List<MilterHandler> handlers() {
    return handlers;
  }

  /**
   * What a session of all {@code requirements} needs: every action any filter requires or uses;
   * extensions (SKIP, leading space, rejected recipients) any filter asks for; a step left out or
   * sent without reply only when every filter agrees; macro names of all filters per stage.
   */
  public static MilterRequirements merge(List<MilterRequirements> requirements) {
    Set<Action> required = EnumSet.noneOf(Action.class);
    Set<Action> optional = EnumSet.noneOf(Action.class);
    Set<ProtocolFlag> flags = EnumSet.noneOf(ProtocolFlag.class);
    Set<ProtocolFlag> stepFlags = EnumSet.noneOf(ProtocolFlag.class);
    stepFlags.addAll(ProtocolFlag.STEP_SUPPRESSION);
    stepFlags.addAll(ProtocolFlag.NO_REPLY);
    Set<ProtocolFlag> agreed = EnumSet.copyOf(stepFlags);
    Map<MacroStage, Set<String>> macros = new EnumMap<>(MacroStage.class);
    for (MilterRequirements each : requirements) {
      required.addAll(each.requiredActions());
      optional.addAll(each.optionalActions());
      for (ProtocolFlag flag : each.protocolFlags()) {
        if (!stepFlags.contains(flag)) {
          flags.add(flag);
        }
      }
      // A filter that switches a step off needs no reply to it either.
      Set<ProtocolFlag> offered = EnumSet.noneOf(ProtocolFlag.class);
      offered.addAll(each.protocolFlags());
      for (ProtocolFlag flag : each.protocolFlags()) {
        ProtocolFlag noReply = flag.noReplyForSuppressedStep();
        if (noReply != null) {
          offered.add(noReply);
        }
      }
      agreed.retainAll(offered);
      each.macros()
          .forEach(
              (stage, names) ->
                  macros.computeIfAbsent(stage, ignored -> new LinkedHashSet<>()).addAll(names));
    }
    if (!requirements.isEmpty()) {
      flags.addAll(agreed);
    }
    optional.removeAll(required);
    Map<MacroStage, List<String>> macroLists = new EnumMap<>(MacroStage.class);
    macros.forEach((stage, names) -> macroLists.put(stage, List.copyOf(names)));
    return new MilterRequirements(required, optional, flags, macroLists);
  }

  @Override
  public MilterRequirements requirements() {
    List<MilterRequirements> all = new ArrayList<>();
    handlers.forEach(handler -> all.add(handler.requirements()));
    return merge(all);
  }

  @Override
  public CompletionStage<Verdict> connect(MilterContext context, MilterCommand.Connect connect) {
    return run(context, handler -> handler.connect(context, connect), false);
  }

  @Override
  public CompletionStage<Verdict> helo(MilterContext context, MilterCommand.Helo helo) {
    return run(context, handler -> handler.helo(context, helo), false);
  }

  @Override
  public CompletionStage<Verdict> mail(MilterContext context, MilterCommand.Mail mail) {
    Arrays.fill(bodySkipped, false);
    return run(context, handler -> handler.mail(context, mail), false);
  }

  @Override
  public CompletionStage<Verdict> recipient(
      MilterContext context, MilterCommand.Recipient recipient) {
    return run(context, handler -> handler.recipient(context, recipient), false);
  }

  @Override
  public CompletionStage<Verdict> data(MilterContext context) {
    return run(context, handler -> handler.data(context), false);
  }

  @Override
  public CompletionStage<Verdict> header(MilterContext context, MilterCommand.Header header) {
    return run(context, handler -> handler.header(context, header), false);
  }

  @Override
  public CompletionStage<Verdict> endOfHeaders(MilterContext context) {
    return run(context, handler -> handler.endOfHeaders(context), false);
  }

  @Override
  public CompletionStage<Verdict> body(MilterContext context, MilterCommand.BodyChunk chunk) {
    return run(context, handler -> handler.body(context, chunk), true);
  }

  @Override
  public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
    return run(context, handler -> handler.endOfMessage(context, modifier), false);
  }

  @Override
  public CompletionStage<Verdict> unknown(
      MilterContext context, MilterCommand.UnknownCommand command) {
    return run(context, handler -> handler.unknown(context, command), false);
  }

  @Override
  public void messageDecided(MilterContext context, Verdict verdict) {
    Arrays.fill(bodySkipped, false);
    tellEach("messageDecided", handler -> handler.messageDecided(context, verdict));
  }

  @Override
  public void abort(MilterContext context) {
    Arrays.fill(bodySkipped, false);
    tellEach("abort", handler -> handler.abort(context));
  }

  @Override
  public void close(MilterContext context) {
    tellEach("close", handler -> handler.close(context));
  }

  private CompletionStage<Verdict> run(
      MilterContext context,
      Function<MilterHandler, CompletionStage<Verdict>> call,
      boolean bodyStage) {
    return runFrom(0, context, call, bodyStage);
  }

  private CompletionStage<Verdict> runFrom(
      int first,
      MilterContext context,
      Function<MilterHandler, CompletionStage<Verdict>> call,
      boolean bodyStage) {
    for (int index = first; index < handlers.size(); index++) {
      if (bodyStage && bodySkipped[index]) {
        continue;
      }
      int current = index;
      return invoke(call, handlers.get(index))
          .thenComposeAsync(
              verdict -> {
                if (verdict instanceof Verdict.Continue) {
                  return runFrom(current + 1, context, call, bodyStage);
                }
                if (verdict instanceof Verdict.Skip) {
                  if (bodyStage) {
                    bodySkipped[current] = true;
                  }
                  return runFrom(current + 1, context, call, bodyStage);
                }
                return CompletableFuture.completedStage(verdict);
              },
              context.executor());
    }
    boolean allSkipped = true;
    for (boolean skipped : bodySkipped) {
      allSkipped &= skipped;
    }
    return bodyStage && allSkipped ? SKIP : CONTINUE;
  }

  // A handler that throws instead of failing its stage is treated the same.
  private static CompletionStage<Verdict> invoke(
      Function<MilterHandler, CompletionStage<Verdict>> call, MilterHandler handler) {
    try {
      CompletionStage<Verdict> stage = call.apply(handler);
      if (stage == null) {
        return CompletableFuture.failedStage(
            new NullPointerException(handler.getClass().getName() + " returned no stage"));
      }
      return stage;
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  private void tellEach(String event, Consumer<MilterHandler> call) {
    for (MilterHandler handler : handlers) {
      try {
        call.accept(handler);
      } catch (RuntimeException e) {
        LOG.warn("milter handler {} failed in {}: {}", handler.getClass().getName(), event, e);
      }
    }
  }
}
