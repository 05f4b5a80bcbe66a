package org.postern.sieve.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of one run (RFC 5229): named variables, match variables ${0}..${9}, and the
 * namespaced {@code env.*} read-only view. Size and count are bounded by the limits.
 */
public final class Variables {

  private final Map<String, String> values = new HashMap<>();
  private final int maxSize;
  private final int maxCount;
  private List<String> matches = List.of();

  Variables(int maxSize, int maxCount) {
    this.maxSize = maxSize;
    this.maxCount = maxCount;
  }

  /** The value of {@code name} (lower-case), or {@code ""} when unset. */
  public String value(String name) {
    if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
      int index;
      try {
        index = Integer.parseInt(name);
      } catch (NumberFormatException e) {
        return "";
      }
      return index < matches.size() ? matches.get(index) : "";
    }
    return values.getOrDefault(name, "");
  }

  /** Sets a variable; a value or count over the limits ends the run. */
  public void set(String name, String value) throws SieveRuntimeException {
    if (value.length() > maxSize) {
      throw new SieveRuntimeException(
          "variable '"
              + name
              + "' would hold "
              + value.length()
              + " characters, over the limit of "
              + maxSize);
    }
    if (!values.containsKey(name) && values.size() >= maxCount) {
      throw new SieveRuntimeException(
          "too many variables: limit of " + maxCount + " reached setting '" + name + "'");
    }
    values.put(name, value);
  }

  /** Replaces the match variables after a successful :matches or :regex test. */
  public void setMatches(List<String> captures) {
    matches = List.copyOf(captures);
  }
}
