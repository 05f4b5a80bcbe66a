package org.postern.sieve.extensions;

import java.util.List;
import org.postern.sieve.match.InvalidKeyListener;
import org.postern.sieve.match.ListLookupException;
import org.postern.sieve.match.MatchCaptures;
import org.postern.sieve.match.Matcher;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRuntimeException;

/**
 * Runs a matcher for a test. A {@code :regex} key built at run time that does not compile is a
 * non-fatal run-time error, as in Pigeonhole: it is reported, matches nothing, and the run goes on.
 * An external list of {@code :list} that cannot be read ends the run (implicit keep).
 */
final class Matching {

  private Matching() {}

  static boolean test(Matcher matcher, List<String> values, List<String> keys, Execution execution)
      throws SieveRuntimeException {
    return test(matcher, values, keys, execution.captures(), execution);
  }

  /** Tests without touching the match variables (the body test, RFC 5173 section 6). */
  static boolean testKeepingMatches(
      Matcher matcher, List<String> values, List<String> keys, Execution execution)
      throws SieveRuntimeException {
    return test(matcher, values, keys, MatchCaptures.NONE, execution);
  }

  private static boolean test(
      Matcher matcher,
      List<String> values,
      List<String> keys,
      MatchCaptures captures,
      Execution execution)
      throws SieveRuntimeException {
    try {
      return matcher.test(
          values, keys, captures, invalidKeys(execution), execution.lowerCasedValues());
    } catch (ListLookupException e) {
      throw new SieveRuntimeException(e.getMessage());
    }
  }

  /** Reports invalid run-time regex keys as non-fatal errors of the run. */
  static InvalidKeyListener invalidKeys(Execution execution) {
    return (key, description) ->
        execution.reportError(
            "invalid regular expression '" + printable(key) + "' for regex match: " + description);
  }

  private static String printable(String key) {
    // Keys come from message data through variables: keep the log line short.
    return key.length() <= 128 ? key : key.substring(0, 128) + "...";
  }
}
