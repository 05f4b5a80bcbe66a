package org.postern.srs;

/** What a forward or reverse rewrite did; never an exception, so callers handle every case. */
public sealed interface SrsResult
    permits SrsResult.Rewritten, SrsResult.NotApplicable, SrsResult.Invalid {

  /**
   * The address was rewritten.
   *
   * @param address the new address
   */
  record Rewritten(String address) implements SrsResult {}

  /**
   * The address is left as it is: a local sender, or not an SRS address of ours.
   *
   * @param reason why, for logs
   */
  record NotApplicable(String reason) implements SrsResult {}

  /**
   * The address cannot be rewritten: malformed, or (in reverse) a bad hash or expired timestamp.
   *
   * @param reason why, for logs
   */
  record Invalid(String reason) implements SrsResult {}
}
