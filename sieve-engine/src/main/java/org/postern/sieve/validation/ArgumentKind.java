package org.postern.sieve.validation;

/** What a positional argument or tag value must be. */
public enum ArgumentKind {
  /** A single string. */
  STRING,
  /** A string list (a single string is a list of one). */
  STRING_LIST,
  /** A number. */
  NUMBER;

  /** Describes the kind for error messages. */
  public String describe() {
    return switch (this) {
      case STRING -> "a string";
      case STRING_LIST -> "a string or string list";
      case NUMBER -> "a number";
    };
  }
}
