package org.postern.screen.score;

import java.time.Duration;
import java.util.List;

/**
 * The combined DNSBL/DNSWL verdict on one client, computed from the sites that answered in time.
 *
 * @param score the sum of the weights of matched sites, each counted once
 * @param classification listed, trusted or neither
 * @param results every site's result, in configuration order
 */
public record Verdict(int score, Classification classification, List<SiteResult> results) {

  /** What the score means. */
  public enum Classification {
    /** Score at or above the threshold: block. */
    LISTED,
    /** Score at or below the allowlist threshold: skip other tests. */
    TRUSTED,
    /** Neither. */
    NEUTRAL
  }

  /** Copies the results. */
  public Verdict {
    results = List.copyOf(results);
  }

  /**
   * Scores {@code results} under {@code rules}: a matched site adds its weight once; sites without
   * an answer add nothing.
   */
  public static Verdict of(List<SiteResult> results, ScoreRules rules) {
    int score = 0;
    for (SiteResult result : results) {
      if (result.status() == SiteResult.Status.MATCHED) {
        score += result.site().weight();
      }
    }
    return new Verdict(score, rules.classify(score), results);
  }

  /** Domains of matched sites with a positive weight: the lists that blocked the client. */
  public List<String> listedBy() {
    return results.stream()
        .filter(r -> r.status() == SiteResult.Status.MATCHED && r.site().weight() > 0)
        .map(r -> r.site().domain())
        .toList();
  }

  /** Domains of sites that did not answer in time. */
  public List<String> timedOut() {
    return results.stream()
        .filter(r -> r.status() == SiteResult.Status.TIMED_OUT)
        .map(r -> r.site().domain())
        .toList();
  }

  /** Domains of sites whose query failed temporarily. */
  public List<String> failed() {
    return results.stream()
        .filter(r -> r.status() == SiteResult.Status.FAILED)
        .map(r -> r.site().domain())
        .toList();
  }

  /** Whether every site answered; only a complete verdict may be remembered. */
  public boolean complete() {
    return results.stream().allMatch(SiteResult::answered);
  }

  /** The shortest TTL among the answers: how long this verdict stays true. */
  public Duration ttl() {
    return results.stream()
        .filter(SiteResult::answered)
        .map(SiteResult::ttl)
        .min(Duration::compareTo)
        .orElse(Duration.ZERO);
  }
}
