package org.postern.sieve.parser;

import java.util.List;

/**
 * A test: its name, arguments and nested tests. {@code testList} records whether the nested tests
 * were written as a parenthesised list, which only {@code allof}/{@code anyof} accept.
 */
public record TestNode(
    String name,
    List<Argument> arguments,
    List<TestNode> tests,
    boolean testList,
    Position position) {

  /** Copies the lists so the tree stays immutable. */
  public TestNode {
    arguments = List.copyOf(arguments);
    tests = List.copyOf(tests);
  }
}
