package org.postern.sieve.validation;

import java.util.List;
import java.util.Map;
import org.postern.sieve.parser.Argument;
import org.postern.sieve.parser.Position;
import org.postern.sieve.runtime.ExecutableCommand;

/**
 * Arguments matched against a signature: tags present (mapped to their value, or to the tag itself
 * when it takes none), the positional arguments in order and the compiled block of a command that
 * takes one ({@code null} otherwise).
 */
public record BoundArguments(
    String name,
    Map<String, Argument> tags,
    List<Argument> positional,
    Position position,
    ExecutableCommand block) {

  /** Copies the collections so the arguments stay immutable. */
  public BoundArguments {
    tags = Map.copyOf(tags);
    positional = List.copyOf(positional);
  }

  /** Arguments without a block. */
  public BoundArguments(
      String name, Map<String, Argument> tags, List<Argument> positional, Position position) {
    this(name, tags, positional, position, null);
  }

  /** A copy carrying the compiled block. */
  public BoundArguments withBlock(ExecutableCommand compiledBlock) {
    return new BoundArguments(name, tags, positional, position, compiledBlock);
  }

  /** Whether the tag was given. */
  public boolean has(String tag) {
    return tags.containsKey(tag);
  }

  /** The value following the tag, or the tag itself. */
  public Argument tag(String tag) {
    return tags.get(tag);
  }

  /** The positional argument at {@code index}, or {@code null} if absent. */
  public Argument positional(int index) {
    return index < positional.size() ? positional.get(index) : null;
  }
}
