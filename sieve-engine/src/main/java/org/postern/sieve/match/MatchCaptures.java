package org.postern.sieve.match;

import java.util.List;

/** Receives the match variables (${0}..${9}) of a successful :matches or :regex comparison. */
@FunctionalInterface
public interface MatchCaptures {

  /** Nothing records captures (the variables extension is not in use). */
  MatchCaptures NONE = captures -> {};

  /** Called with index 0 = whole value, then one entry per wildcard or group. */
  void captured(List<String> captures);
}
