package org.postern.sieve;

/** One problem found in a script, at a 1-based line and column, phrased so the author can act. */
public record SieveDiagnostic(int line, int column, String message) {

  /** Renders as {@code LINE:COL: message}, the form editors and the CLI understand. */
  @Override
  public String toString() {
    return line + ":" + column + ": " + message;
  }
}
