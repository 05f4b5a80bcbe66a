package org.postern.sieve.parser;

import java.util.List;

/** A bracketed string list {@code ["a", "b"]}. */
public record StringListArgument(List<String> values, Position position) implements Argument {

  /** Copies the list so the tree stays immutable. */
  public StringListArgument {
    values = List.copyOf(values);
  }
}
