package org.postern.sieve.parser;

import java.util.List;
import java.util.Optional;

/**
 * A command: name, arguments, an optional test or test list, and either a block or nothing (the
 * command then ended with {@code ;}).
 */
public record CommandNode(
    String name,
    List<Argument> arguments,
    List<TestNode> tests,
    boolean testList,
    Optional<List<CommandNode>> block,
    Position position) {

  /** Copies the lists so the tree stays immutable. */
  public CommandNode {
    arguments = List.copyOf(arguments);
    tests = List.copyOf(tests);
    block = block.map(List::copyOf);
  }
}
