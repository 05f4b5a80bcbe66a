package org.postern.sieve;

/**
 * One problem found in a script, at a 1-based line and column, phrased so the author can act. A
 * warning does not stop the script from compiling.
 */
public record SieveDiagnostic(int line, int column, String message, boolean warning) {

  /** An error. */
  public SieveDiagnostic(int line, int column, String message) {
    this(line, column, message, false);
  }

  /** A warning: worth the author's attention, but the script compiles. */
  public static SieveDiagnostic warning(int line, int column, String message) {
    return new SieveDiagnostic(line, column, message, true);
  }

  /** Renders as {@code LINE:COL: message} ({@code LINE:COL: warning: message}). */
  @Override
  public String toString() {
    return line + ":" + column + ": " + (warning ? "warning: " : "") + message;
  }
}
