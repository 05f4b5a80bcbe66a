package org.postern.sieve.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments a command or test takes: tags, then positional arguments of which the first {@code
 * required} must be present. {@code names} name the positional arguments for error messages (such
 * as "header names"); it may be shorter than {@code positional}.
 */
public record Signature(
    List<TagSpec> tags, List<ArgumentKind> positional, int required, List<String> names) {

  /** Copies the lists so the signature stays immutable. */
  public Signature {
    tags = List.copyOf(tags);
    positional = List.copyOf(positional);
    names = List.copyOf(names);
  }

  /** A signature whose positional arguments have no names. */
  public Signature(List<TagSpec> tags, List<ArgumentKind> positional, int required) {
    this(tags, positional, required, List.of());
  }

  /** A signature with only required positional arguments. */
  public static Signature of(ArgumentKind... positional) {
    return new Signature(List.of(), List.of(positional), positional.length);
  }

  /** A copy that also accepts {@code more} tags. */
  public Signature withTags(List<TagSpec> more) {
    List<TagSpec> all = new ArrayList<>(tags);
    all.addAll(more);
    return new Signature(all, positional, required, names);
  }

  /** A copy whose last {@code count} positional arguments are optional. */
  public Signature optionalLast(int count) {
    return new Signature(tags, positional, positional.size() - count, names);
  }

  /** A copy naming the positional arguments in order, for error messages. */
  public Signature named(String... positionalNames) {
    return new Signature(tags, positional, required, List.of(positionalNames));
  }

  /** The name of positional argument {@code index} (0-based), or null. */
  public String name(int index) {
    return index < names.size() ? names.get(index) : null;
  }
}
