package org.postern.sieve.match;

/** A :regex match ran past the run's deadline; the run ends with implicit keep. */
public final class MatchTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MatchTimeoutException() {
    super("run time limit exceeded during a :regex match");
  }
}
