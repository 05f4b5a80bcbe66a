package org.postern.sieve.message;

/**
 * The SMTP envelope of the delivery: reverse-path ({@code ""} for the null sender) and the
 * recipient this run is for, plus the authenticated user if any.
 */
public record SieveEnvelope(String from, String to, String auth) {

  /** Envelope without an authenticated user. */
  public SieveEnvelope(String from, String to) {
    this(from, to, "");
  }
}
