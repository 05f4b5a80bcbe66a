package org.postern.sieve;

import java.util.List;

/** A script could not be compiled; carries every problem found, not only the first. */
public final class SieveCompileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<SieveDiagnostic> diagnostics;

  /** Creates the exception from a non-empty list of diagnostics. */
  public SieveCompileException(List<SieveDiagnostic> diagnostics) {
    super(summary(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** All problems, warnings included, in script order. */
  public List<SieveDiagnostic> diagnostics() {
    return diagnostics;
  }

  private static String summary(List<SieveDiagnostic> diagnostics) {
    StringBuilder text = new StringBuilder();
    long errors = diagnostics.stream().filter(diagnostic -> !diagnostic.warning()).count();
    text.append(errors).append(errors == 1 ? " error" : " errors");
    for (SieveDiagnostic diagnostic : diagnostics) {
      text.append("\n").append(diagnostic);
    }
    return text.toString();
  }
}
