package org.postern.sieve.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled match specification (match type, relation, comparator) applied to the values a test
 * extracted and the keys it was given. Immutable and thread-safe.
 */
public final class Matcher {

  private static final int PATTERN_CACHE_LIMIT = 256;

  /** Highest match variable index kept, as in Pigeonhole. */
  public static final int MAX_MATCH_INDEX = 31;

  private final MatchKind kind;
  private final Relation relation;
  private final Comparator comparator;
  private final ListLookup lists;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
  private FoldedKey lastKey;

  /** Creates a matcher; {@code relation} is required for VALUE and COUNT, else ignored. */
  public Matcher(MatchKind kind, Relation relation, Comparator comparator) {
    this(kind, relation, comparator, ListLookup.NONE);
  }

  /** Creates a matcher whose {@code :list} match type looks values up through {@code lists}. */
  public Matcher(MatchKind kind, Relation relation, Comparator comparator, ListLookup lists) {
    this.kind = kind;
    this.relation = relation;
    this.comparator = comparator;
    this.lists = lists;
  }

  /** The default: {@code :is} with {@code i;ascii-casemap}. */
  public static Matcher defaults() {
    return new Matcher(MatchKind.IS, null, AsciiCaseMapComparator.INSTANCE);
  }

  /** The match type. */
  public MatchKind kind() {
    return kind;
  }

  /** The relation of :value and :count, else {@code null}. */
  public Relation relation() {
    return relation;
  }

  /** The comparator. */
  public Comparator comparator() {
    return comparator;
  }

  /**
   * Whether any value matches any key. Captures of the first successful :matches/:regex are
   * reported to {@code captures}.
   *
   * @throws PatternSyntaxException for a regex key that does not compile (run-time keys)
   * @throws ListLookupException when an external list of {@code :list} cannot be read
   */
  public boolean test(List<String> values, List<String> keys, MatchCaptures captures) {
    return test(values, keys, captures, null);
  }

  /**
   * Whether any value matches any key, skipping {@code :regex} keys that do not compile: each is
   * reported once to {@code invalidKeys} and matches nothing. A {@code null} listener makes an
   * invalid key throw instead.
   *
   * @throws PatternSyntaxException for an invalid regex key when {@code invalidKeys} is null
   * @throws ListLookupException when an external list of {@code :list} cannot be read
   */
  public boolean test(
      List<String> values,
      List<String> keys,
      MatchCaptures captures,
      InvalidKeyListener invalidKeys) {
    return test(values, keys, captures, invalidKeys, null);
  }

  /**
   * As {@link #test(List, List, MatchCaptures, InvalidKeyListener)}; {@code lowerCased}, when not
   * null, keeps the ASCII-lower-cased values between tests for {@code :contains} with {@code
   * i;ascii-casemap}, which then becomes a plain substring search.
   */
  public boolean test(
      List<String> values,
      List<String> keys,
      MatchCaptures captures,
      InvalidKeyListener invalidKeys,
      LowerCasedValues lowerCased) {
    List<String> lowered =
        kind == MatchKind.CONTAINS
                && comparator instanceof AsciiCaseMapComparator
                && lowerCased != null
            ? lowerCased.of(values)
            : null;
    if (lowered != null) {
      for (int k = 0; k < keys.size(); k++) {
        String key = lowerCaseKey(keys.get(k));
        for (int v = 0; v < lowered.size(); v++) {
          if (lowered.get(v).contains(key)) {
            return true;
          }
        }
      }
      return false;
    }
    if (kind == MatchKind.REGEX && invalidKeys != null) {
      keys = compilableKeys(keys, invalidKeys);
    }
    if (kind == MatchKind.LIST) {
      return listed(values, keys, captures);
    }
    if (kind == MatchKind.COUNT) {
      String count = Integer.toString(values.size());
      for (String key : keys) {
        if (relation.holds(comparator.compare(count, key))) {
          return true;
        }
      }
      return false;
    }
    for (String value : values) {
      for (String key : keys) {
        if (matches(value, key, captures)) {
          return true;
        }
      }
    }
    return false;
  }

  // Keys are mostly constants: the test's last key stays folded. Racy but safe (final fields).
  private String lowerCaseKey(String key) {
    FoldedKey last = lastKey;
    if (last != null && last.key == key) {
      return last.lowerCase;
    }
    String lowerCase = LowerCasedValues.toLowerCase(key);
    lastKey = new FoldedKey(key, lowerCase);
    return lowerCase;
  }

  private record FoldedKey(String key, String lowerCase) {}

  /** Whether one value matches one key. */
  public boolean matches(String value, String key, MatchCaptures captures) {
    switch (kind) {
      case IS:
        return comparator.equal(value, key);
      case CONTAINS:
        return contains(value, key);
      case VALUE:
        return relation.holds(comparator.compare(value, key));
      case MATCHES:
        {
          List<String> groups = Wildcards.match(value, key, comparator);
          if (groups == null) {
            return false;
          }
          List<String> all = new ArrayList<>(groups.size() + 1);
          all.add(value);
          all.addAll(groups);
          captures.captured(all);
          return true;
        }
      case REGEX:
        {
          com.google.re2j.Matcher regex = pattern(key).matcher(MatchBudget.bounded(value));
          if (!regex.find()) {
            return false;
          }
          List<String> all = new ArrayList<>();
          // Pigeonhole keeps 32 match values (${0}..${31}), more than RFC 5229's ten.
          for (int group = 0; group <= Math.min(regex.groupCount(), MAX_MATCH_INDEX); group++) {
            String text = regex.group(group);
            all.add(text == null ? "" : text);
          }
          captures.captured(all);
          return true;
        }
      case LIST:
        return listed(List.of(value), List.of(key), captures);
      default:
        return false;
    }
  }

  /** RFC 6134 section 2.3: ${0} is the value found in a list. */
  private boolean listed(List<String> values, List<String> listNames, MatchCaptures captures) {
    String found = lists.firstListed(values, listNames);
    if (found == null) {
      return false;
    }
    captures.captured(List.of(found));
    return true;
  }

  private boolean contains(String value, String key) {
    // Fast paths for the two common comparators: String.indexOf finds candidate positions.
    if (comparator instanceof OctetComparator) {
      return value.contains(key);
    }
    if (comparator instanceof AsciiCaseMapComparator && !key.isEmpty()) {
      return containsAsciiCaseless(value, key);
    }
    int limit = value.length() - key.length();
    for (int start = 0; start <= limit; start++) {
      boolean found = true;
      for (int i = 0; i < key.length(); i++) {
        if (!comparator.sameChar(value.charAt(start + i), key.charAt(i))) {
          found = false;
          break;
        }
      }
      if (found) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAsciiCaseless(String value, String key) {
    char first = key.charAt(0);
    char lower = first >= 'A' && first <= 'Z' ? (char) (first + ('a' - 'A')) : first;
    char upper = lower >= 'a' && lower <= 'z' ? (char) (lower - ('a' - 'A')) : lower;
    int limit = value.length() - key.length();
    int nextLower = value.indexOf(lower);
    int nextUpper = upper == lower ? -1 : value.indexOf(upper);
    while (true) {
      int start;
      if (nextLower < 0 && nextUpper < 0) {
        return false;
      } else if (nextUpper < 0 || (nextLower >= 0 && nextLower < nextUpper)) {
        start = nextLower;
        nextLower = value.indexOf(lower, start + 1);
      } else {
        start = nextUpper;
        nextUpper = value.indexOf(upper, start + 1);
      }
      if (start > limit) {
        return false;
      }
      if (regionEqualsAsciiCaseless(value, start, key)) {
        return true;
      }
    }
  }

  private static boolean regionEqualsAsciiCaseless(String value, int start, String key) {
    for (int i = 1; i < key.length(); i++) {
      if (!AsciiCaseMapComparator.INSTANCE.sameChar(value.charAt(start + i), key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private List<String> compilableKeys(List<String> keys, InvalidKeyListener invalidKeys) {
    List<String> valid = null;
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      try {
        pattern(key);
        if (valid != null) {
          valid.add(key);
        }
      } catch (PatternSyntaxException e) {
        invalidKeys.invalidKey(key, e.getDescription());
        if (valid == null) {
          valid = new ArrayList<>(keys.subList(0, i));
        }
      }
    }
    return valid == null ? keys : valid;
  }

  private Pattern pattern(String key) {
    Pattern cached = patterns.get(key);
    if (cached != null) {
      return cached;
    }
    Pattern compiled = compileRegex(key, comparator);
    if (patterns.size() < PATTERN_CACHE_LIMIT) {
      patterns.put(key, compiled);
    }
    return compiled;
  }

  /**
   * Compiles a :regex key with RE2/J (linear time); {@code i;ascii-casemap} makes it
   * case-insensitive.
   *
   * @throws PatternSyntaxException when the key is not a valid expression
   */
  public static Pattern compileRegex(String key, Comparator comparator) {
    boolean caseless =
        comparator instanceof AsciiCaseMapComparator
            || comparator instanceof UnicodeCaseMapComparator;
    int flags = caseless ? Pattern.CASE_INSENSITIVE : 0;
    return Pattern.compile(key, flags | Pattern.DOTALL);
  }
}
