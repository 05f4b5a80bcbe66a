package org.postern.sieve.validation;

import java.util.HashSet;
import java.util.Set;

/**
 * The variables one script (not its includes) sets and declares global, for compile-time checks:
 * the count limit and a global declaration after local use (RFC 6609 section 3.3).
 */
public final class ScriptVariables {

  private final Set<String> setLocally = new HashSet<>();
  private final Set<String> declaredGlobal = new HashSet<>();

  /** The state of the script being compiled. */
  public static ScriptVariables of(CompileContext context) {
    return context.scriptState(ScriptVariables.class, ScriptVariables::new);
  }

  /**
   * Records that the script sets {@code name} (lower case); true when it is a local variable not
   * set before.
   */
  public boolean set(String name) {
    return !declaredGlobal.contains(name) && setLocally.add(name);
  }

  /** How many distinct local variables the script sets. */
  public int localCount() {
    return setLocally.size();
  }

  /** Records a global declaration; false when the script already used {@code name} locally. */
  public boolean declareGlobal(String name) {
    declaredGlobal.add(name);
    return !setLocally.contains(name);
  }
}
