package org.postern.sieve.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments a command or test takes: tags, then positional arguments of which the first {@code
 * required} must be present.
 */
public record Signature(List<TagSpec> tags, List<ArgumentKind> positional, int required) {

  /** Copies the lists so the signature stays immutable. */
  public Signature {
    tags = List.copyOf(tags);
    positional = List.copyOf(positional);
  }

  /** A signature with only required positional arguments. */
  public static Signature of(ArgumentKind... positional) {
    return new Signature(List.of(), List.of(positional), positional.length);
  }

  /** A copy that also accepts {@code more} tags. */
  public Signature withTags(List<TagSpec> more) {
    List<TagSpec> all = new ArrayList<>(tags);
    all.addAll(more);
    return new Signature(all, positional, required);
  }

  /** A copy whose last {@code count} positional arguments are optional. */
  public Signature optionalLast(int count) {
    return new Signature(tags, positional, positional.size() - count);
  }
}
