package org.postern.sieve.include;

import java.io.IOException;
import java.util.Optional;

/**
 * Finds the source of scripts named by {@code include}. Called at compile time only; the compiled
 * program contains every included script, so runs never read storage.
 */
@FunctionalInterface
public interface ScriptResolver {

  /** A resolver that knows no scripts: every include is missing. */
  ScriptResolver NONE = (location, name) -> Optional.empty();

  /**
   * The source of script {@code name} at {@code location}, or empty when there is none.
   *
   * @throws IOException when storage fails (reported as a compile error)
   */
  Optional<String> find(ScriptLocation location, String name) throws IOException;
}
