package org.postern.sieve.extensions;

import com.google.re2j.PatternSyntaxException;
import java.util.List;
import org.postern.sieve.match.ListLookupException;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;

/** Runs a matcher for a test, turning a bad run-time regex into a run-time error. */
final class Matching {

  private Matching() {}

  static boolean test(Matcher matcher, List<String> values, List<String> keys, Execution execution)
      throws SieveRuntimeException {
    return test(matcher, values, keys, execution.captures());
  }

  /** Tests without touching the match variables (the body test, RFC 5173 section 6). */
  static boolean testKeepingMatches(Matcher matcher, List<String> values, List<String> keys)
      throws SieveRuntimeException {
    return test(matcher, values, keys, org.postern.sieve.match.MatchCaptures.NONE);
  }

  private static boolean test(
      Matcher matcher,
      List<String> values,
      List<String> keys,
      org.postern.sieve.match.MatchCaptures captures)
      throws SieveRuntimeException {
    try {
      return matcher.test(values, keys, captures);
    } catch (PatternSyntaxException e) {
      throw new SieveRuntimeException("invalid regular expression: " + e.getDescription());
    } catch (ListLookupException e) {
      throw new SieveRuntimeException(e.getMessage());
    }
  }
}
