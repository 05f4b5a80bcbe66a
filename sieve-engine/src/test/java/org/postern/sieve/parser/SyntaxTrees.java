package org.postern.sieve.parser;

import java.util.List;

/** Test helper: copies of syntax trees with positions removed, for structural comparison. */
final class SyntaxTrees {

  private SyntaxTrees() {}

  static ScriptNode withoutPositions(ScriptNode script) {
    return new ScriptNode(commands(script.commands()));
  }

  private static List<CommandNode> commands(List<CommandNode> commands) {
    return commands.stream()
        .map(
            c ->
                new CommandNode(
                    c.name(),
                    arguments(c.arguments()),
                    tests(c.tests()),
                    c.testList(),
                    c.block().map(SyntaxTrees::commands),
                    Position.NONE))
        .toList();
  }

  private static List<TestNode> tests(List<TestNode> tests) {
    return tests.stream()
        .map(
            t ->
                new TestNode(
                    t.name(),
                    arguments(t.arguments()),
                    tests(t.tests()),
                    t.testList(),
                    Position.NONE))
        .toList();
  }

  private static List<Argument> arguments(List<Argument> arguments) {
    return arguments.stream()
        .<Argument>map(
            a -> {
              if (a instanceof StringArgument s) {
                return new StringArgument(s.value(), Position.NONE);
              }
              if (a instanceof StringListArgument l) {
                return new StringListArgument(l.values(), Position.NONE);
              }
              if (a instanceof NumberArgument n) {
                return new NumberArgument(n.value(), Position.NONE);
              }
              return new TagArgument(((TagArgument) a).name(), Position.NONE);
            })
        .toList();
  }
}
