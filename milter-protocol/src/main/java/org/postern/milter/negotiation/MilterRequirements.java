package org.postern.milter.negotiation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the handlers of a session need from the MTA: actions they cannot work without, actions they
 * use when offered, protocol bits they ask for (steps to leave out, steps without reply,
 * extensions) and the macros they want per stage.
 */
public record MilterRequirements(
    Set<Action> requiredActions,
    Set<Action> optionalActions,
    Set<ProtocolFlag> protocolFlags,
    Map<MacroStage, List<String>> macros) {

  /** Copies every collection. */
  public MilterRequirements {
    requiredActions = immutableCopy(requiredActions, Action.class);
    optionalActions = immutableCopy(optionalActions, Action.class);
    protocolFlags = immutableCopy(protocolFlags, ProtocolFlag.class);
    Map<MacroStage, List<String>> copy = new EnumMap<>(MacroStage.class);
    macros.forEach((stage, names) -> copy.put(stage, List.copyOf(names)));
    macros = Collections.unmodifiableMap(copy);
  }

  /** Requirements of a handler that needs nothing: every step, every reply, no actions. */
  public static MilterRequirements none() {
    return new MilterRequirements(Set.of(), Set.of(), Set.of(), Map.of());
  }

  /** These requirements plus {@code actions} as required actions. */
  public MilterRequirements requiring(Action... actions) {
    Set<Action> required = EnumSet.noneOf(Action.class);
    required.addAll(requiredActions);
    required.addAll(List.of(actions));
    return new MilterRequirements(required, optionalActions, protocolFlags, macros);
  }

  /** These requirements plus {@code flags}. */
  public MilterRequirements withFlags(ProtocolFlag... flags) {
    Set<ProtocolFlag> all = EnumSet.noneOf(ProtocolFlag.class);
    all.addAll(protocolFlags);
    all.addAll(List.of(flags));
    return new MilterRequirements(requiredActions, optionalActions, all, macros);
  }

  /**
   * These requirements for a filter that only watches the steps before end of message: every step
   * is switched off except those whose no-reply flag is in {@code watchedSteps}, which the MTA then
   * sends without waiting for an answer. Fewer round trips per message is most of a milter's cost.
   */
  public MilterRequirements watchingOnly(ProtocolFlag... watchedSteps) {
    Set<ProtocolFlag> watched = EnumSet.noneOf(ProtocolFlag.class);
    for (ProtocolFlag step : watchedSteps) {
      if (!ProtocolFlag.NO_REPLY.contains(step)) {
        throw new IllegalArgumentException(step + " is not a no-reply flag naming a step");
      }
      watched.add(step);
    }
    Set<ProtocolFlag> all = EnumSet.noneOf(ProtocolFlag.class);
    all.addAll(protocolFlags);
    for (ProtocolFlag off : ProtocolFlag.STEP_SUPPRESSION) {
      ProtocolFlag noReply = off.noReplyForSuppressedStep();
      all.add(watched.contains(noReply) ? noReply : off);
    }
    return new MilterRequirements(requiredActions, optionalActions, all, macros);
  }

  /** These requirements asking for {@code names} at {@code stage}. */
  public MilterRequirements withMacros(MacroStage stage, String... names) {
    Map<MacroStage, List<String>> all = new EnumMap<>(MacroStage.class);
    all.putAll(macros);
    all.put(stage, List.of(names));
    return new MilterRequirements(requiredActions, optionalActions, protocolFlags, all);
  }

  private static <E extends Enum<E>> Set<E> immutableCopy(Set<E> values, Class<E> type) {
    Set<E> copy = EnumSet.noneOf(type);
    copy.addAll(values);
    return Collections.unmodifiableSet(copy);
  }
}
