package org.postern.sieve.extensions;

import com.google.re2j.PatternSyntaxException;
import java.util.List;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;

/** Runs a matcher for a test, turning a bad run-time regex into a run-time error. */
final class Matching {

  private Matching() {}

  static boolean test(Matcher matcher, List<String> values, List<String> keys, Execution execution)
      throws SieveRuntimeException {
    try {
      return matcher.test(values, keys, execution.captures());
    } catch (PatternSyntaxException e) {
      throw new SieveRuntimeException("invalid regular expression: " + e.getDescription());
    }
  }
}
