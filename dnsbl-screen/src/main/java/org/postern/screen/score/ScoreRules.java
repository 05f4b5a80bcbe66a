package org.postern.screen.score;

/**
 * postscreen's thresholds: a score at or above {@code threshold} is listed; at or below {@code
 * allowlistThreshold} is trusted, skipping further tests. As in postscreen, an allowlist threshold
 * of 0 turns trusting off (an unlisted client scores 0 and must not be trusted).
 *
 * @param threshold the score that blocks (postscreen_dnsbl_threshold), at least 1
 * @param allowlistThreshold the score that trusts (postscreen_dnsbl_allowlist_threshold), ≤ 0
 */
public record ScoreRules(int threshold, int allowlistThreshold) {

  /** Checks the ranges. */
  public ScoreRules {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, not " + threshold);
    }
    if (allowlistThreshold > 0) {
      throw new IllegalArgumentException(
          "allowlist threshold must be 0 (off) or negative, not " + allowlistThreshold);
    }
  }

  /** postscreen's defaults: threshold 1, trusting off. */
  public static ScoreRules defaults() {
    return new ScoreRules(1, 0);
  }

  /** What {@code score} means under these rules. */
  public Verdict.Classification classify(int score) {
    if (score >= threshold) {
      return Verdict.Classification.LISTED;
    }
    if (allowlistThreshold < 0 && score <= allowlistThreshold) {
      return Verdict.Classification.TRUSTED;
    }
    return Verdict.Classification.NEUTRAL;
  }
}
