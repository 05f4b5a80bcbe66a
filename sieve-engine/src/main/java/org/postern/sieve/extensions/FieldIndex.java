package org.postern.sieve.extensions;

import java.util.List;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.BoundArguments;
import org.postern.sieve.validation.CompileContext;
import org.postern.sieve.validation.TagSpec;

/**
 * RFC 5260 section 6 {@code :index n [:last]}: which occurrence of a header field the header,
 * address and date tests look at, counted from the top (or from the bottom with {@code :last}).
 */
record FieldIndex(int index, boolean last) {

  /** All occurrences. */
  static final FieldIndex ALL = new FieldIndex(0, false);

  /** The :index and :last tags, enabled by the index extension. */
  static List<TagSpec> tags() {
    return List.of(
        new TagSpec("index", ArgumentKind.NUMBER, "index", null),
        new TagSpec("last", null, "index", null));
  }

  /** The selection the arguments ask for; :last without :index is a compile error. */
  static FieldIndex of(BoundArguments arguments, CompileContext context) {
    boolean last = arguments.has("last");
    if (!arguments.has("index")) {
      if (last) {
        context.error(arguments.position(), "the :last tag cannot be specified without :index");
      }
      return ALL;
    }
    long index = context.number(arguments.tag("index"));
    if (index < 1 || index > Integer.MAX_VALUE) {
      context.error(arguments.tag("index").position(), ":index counts from 1");
      return ALL;
    }
    return new FieldIndex((int) index, last);
  }

  /** The selected occurrences of one field's values. */
  List<String> select(List<String> occurrences) {
    if (index == 0) {
      return occurrences;
    }
    if (index > occurrences.size()) {
      return List.of();
    }
    return List.of(occurrences.get(last ? occurrences.size() - index : index - 1));
  }
}
