package org.postern.sieve.runtime;

import java.util.List;

/**
 * A string argument after compilation: a constant, or a template whose {@code ${...}} variable
 * references (RFC 5229) are expanded per run.
 */
public interface SieveString {

  /** The value in this run. */
  String evaluate(Execution execution);

  /** The constant value, or {@code null} when the string depends on variables. */
  String constant();

  /** A constant string. */
  static SieveString of(String value) {
    return new Constant(value);
  }

  /** Evaluates every string of a list. */
  static List<String> evaluateAll(List<SieveString> strings, Execution execution) {
    if (strings.size() == 1) {
      return List.of(strings.get(0).evaluate(execution));
    }
    String[] values = new String[strings.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = strings.get(i).evaluate(execution);
    }
    return List.of(values);
  }

  /** A string fixed at compile time. */
  record Constant(String value) implements SieveString {
    @Override
    public String evaluate(Execution execution) {
      return value;
    }

    @Override
    public String constant() {
      return value;
    }
  }
}
