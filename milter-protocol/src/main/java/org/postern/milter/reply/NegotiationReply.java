package org.postern.milter.reply;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.postern.milter.negotiation.MacroStage;

/**
 * 'O' from the milter: the agreed version, the actions it needs, its protocol bits and, when the
 * MTA offers SETSYMLIST, the macro names it wants per stage.
 */
public record NegotiationReply(
    int version, int actions, int protocol, Map<MacroStage, List<String>> macroLists)
    implements MilterReply {
  /** Code 'O'. */
  public static final char CODE = 'O';

  /** Copies the macro lists; names must be printable ASCII without spaces. */
  public NegotiationReply {
    Map<MacroStage, List<String>> copy = new EnumMap<>(MacroStage.class);
    macroLists.forEach(
        (stage, names) -> {
          for (String name : names) {
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c > '~')) {
              throw new IllegalArgumentException("invalid macro name: '" + name + "'");
            }
          }
          copy.put(stage, List.copyOf(names));
        });
    macroLists = Collections.unmodifiableMap(copy);
  }

  /** A reply without macro lists. */
  public NegotiationReply(int version, int actions, int protocol) {
    this(version, actions, protocol, Map.of());
  }

  @Override
  public char code() {
    return CODE;
  }
}
