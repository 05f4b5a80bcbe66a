package org.postern.sieve.parser;

import java.util.List;

/** A whole parsed script: its top-level commands. */
public record ScriptNode(List<CommandNode> commands) {

  /** Copies the list so the tree stays immutable. */
  public ScriptNode {
    commands = List.copyOf(commands);
  }
}
