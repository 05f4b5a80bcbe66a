package org.postern.sieve.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables of one run (RFC 5229): named variables, match variables ${0}..${9}, and the
 * namespaced {@code env.*} read-only view. Size and count are bounded by the limits.
 */
public final class Variables {

  private static final String GLOBAL_NAMESPACE = "global.";

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> globals;
  private final Set<String> declaredGlobal = new HashSet<>();
  private int maxSize;
  private final int maxCount;
  private List<String> matches = List.of();

  Variables(int maxSize, int maxCount) {
    this(maxSize, maxCount, new HashMap<>());
  }

  private Variables(int maxSize, int maxCount, Map<String, String> globals) {
    this.maxSize = maxSize;
    this.maxCount = maxCount;
    this.globals = globals;
  }

  /** A fresh local scope for an included script, sharing the global variables (RFC 6609). */
  Variables includedScope() {
    return new Variables(maxSize, maxCount, globals);
  }

  /** Declares {@code name} (lower-case) global in this scope: it now reads the shared value. */
  public void declareGlobal(String name) {
    declaredGlobal.add(name);
  }

  private Map<String, String> storeFor(String name) {
    return declaredGlobal.contains(name) ? globals : values;
  }

  private static String unqualified(String name) {
    return name.startsWith(GLOBAL_NAMESPACE) ? name.substring(GLOBAL_NAMESPACE.length()) : null;
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
    String global = unqualified(name);
    if (global != null) {
      return globals.getOrDefault(global, "");
    }
    return storeFor(name).getOrDefault(name, "");
  }

  /**
   * Sets a variable. As in Pigeonhole, a value longer than the size limit (in UTF-8 bytes) is
   * truncated to it, never inside a character; too many variables end the run.
   */
  public void set(String name, String value) throws SieveRuntimeException {
    value = truncated(value, maxSize);
    String global = unqualified(name);
    Map<String, String> store = global != null ? globals : storeFor(name);
    String key = global != null ? global : name;
    if (!store.containsKey(key) && store.size() >= maxCount) {
      throw new SieveRuntimeException(
          "too many variables: limit of " + maxCount + " reached setting '" + name + "'");
    }
    store.put(key, value);
  }

  /** {@code value} cut to at most {@code maxBytes} UTF-8 bytes at a character boundary. */
  static String truncated(String value, int maxBytes) {
    if (value.length() * 3L <= maxBytes) {
      return value;
    }
    long bytes = 0;
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      bytes += utf8Length(codePoint);
      if (bytes > maxBytes) {
        return value.substring(0, i);
      }
      i += Character.charCount(codePoint);
    }
    return value;
  }

  /**
   * Changes the size limit for the rest of the run (a configuration reload applying to a running
   * script, as Pigeonhole's test suite does).
   */
  public void maxSize(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("variable size limit must be positive: " + bytes);
    }
    maxSize = bytes;
  }

  /** The size limit in UTF-8 bytes for values set from now on. */
  public int maxSize() {
    return maxSize;
  }

  /**
   * {@code value} cut to at most {@code maxBytes} UTF-8 bytes without splitting a character or an
   * escape: {@code escape} followed by {@code escapedCodePoints} code points (a modifier's output
   * such as {@code \*} or {@code %2A}, which must stay whole).
   */
  public static String truncatedEscaped(
      String value, int maxBytes, char escape, int escapedCodePoints) {
    if (value.length() * 3L <= maxBytes) {
      return value;
    }
    long bytes = 0;
    int i = 0;
    while (i < value.length()) {
      int end = i;
      long unit = 0;
      int codePoints = value.charAt(i) == escape ? 1 + escapedCodePoints : 1;
      for (int n = 0; n < codePoints && end < value.length(); n++) {
        int codePoint = value.codePointAt(end);
        unit += utf8Length(codePoint);
        end += Character.charCount(codePoint);
      }
      if (bytes + unit > maxBytes) {
        return value.substring(0, i);
      }
      bytes += unit;
      i = end;
    }
    return value;
  }

  private static int utf8Length(int codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /** Replaces the match variables after a successful :matches or :regex test. */
  public void setMatches(List<String> captures) {
    matches = List.copyOf(captures);
  }
}
