package org.postern.sieve;

import java.time.Duration;

/**
 * Resource limits that keep hostile scripts from harming delivery. Compile-time limits fail the
 * compilation; run-time limits end the run with the implicit keep.
 *
 * @param maxScriptSize script size in characters
 * @param maxNestingDepth depth of nested blocks and tests
 * @param maxActions actions a run may produce
 * @param maxRedirects redirects a run may produce
 * @param maxIncludeDepth nesting of include
 * @param maxVariableSize UTF-8 bytes in one variable value (longer values are truncated)
 * @param maxVariableCount distinct variables per run
 * @param maxRunTime wall time per message, checked between commands
 */
public record SieveLimits(
    int maxScriptSize,
    int maxNestingDepth,
    int maxActions,
    int maxRedirects,
    int maxIncludeDepth,
    int maxVariableSize,
    int maxVariableCount,
    Duration maxRunTime) {

  /** Validates that every limit is positive. */
  public SieveLimits {
    if (maxScriptSize <= 0
        || maxNestingDepth <= 0
        || maxActions <= 0
        || maxRedirects < 0
        || maxIncludeDepth < 0
        || maxVariableSize <= 0
        || maxVariableCount <= 0
        || maxRunTime.isNegative()
        || maxRunTime.isZero()) {
      throw new IllegalArgumentException("Sieve limits must be positive: " + this);
    }
  }

  /** Defaults close to Pigeonhole's: 1 MiB script, depth 32, 32 actions, 4 redirects... */
  public static SieveLimits defaults() {
    return new SieveLimits(1 << 20, 32, 32, 4, 10, 4096, 255, Duration.ofSeconds(10));
  }

  /** A copy with a different script size limit. */
  public SieveLimits withMaxScriptSize(int value) {
    return new SieveLimits(
        value,
        maxNestingDepth,
        maxActions,
        maxRedirects,
        maxIncludeDepth,
        maxVariableSize,
        maxVariableCount,
        maxRunTime);
  }

  /** A copy with a different nesting depth limit. */
  public SieveLimits withMaxNestingDepth(int value) {
    return new SieveLimits(
        maxScriptSize,
        value,
        maxActions,
        maxRedirects,
        maxIncludeDepth,
        maxVariableSize,
        maxVariableCount,
        maxRunTime);
  }

  /** A copy with a different action limit. */
  public SieveLimits withMaxActions(int value) {
    return new SieveLimits(
        maxScriptSize,
        maxNestingDepth,
        value,
        maxRedirects,
        maxIncludeDepth,
        maxVariableSize,
        maxVariableCount,
        maxRunTime);
  }

  /** A copy with a different redirect limit. */
  public SieveLimits withMaxRedirects(int value) {
    return new SieveLimits(
        maxScriptSize,
        maxNestingDepth,
        maxActions,
        value,
        maxIncludeDepth,
        maxVariableSize,
        maxVariableCount,
        maxRunTime);
  }

  /** A copy with a different include depth limit. */
  public SieveLimits withMaxIncludeDepth(int value) {
    return new SieveLimits(
        maxScriptSize,
        maxNestingDepth,
        maxActions,
        maxRedirects,
        value,
        maxVariableSize,
        maxVariableCount,
        maxRunTime);
  }

  /** A copy with a different variable size limit. */
  public SieveLimits withMaxVariableSize(int value) {
    return new SieveLimits(
        maxScriptSize,
        maxNestingDepth,
        maxActions,
        maxRedirects,
        maxIncludeDepth,
        value,
        maxVariableCount,
        maxRunTime);
  }

  /** A copy with a different variable count limit. */
  public SieveLimits withMaxVariableCount(int value) {
    return new SieveLimits(
        maxScriptSize,
        maxNestingDepth,
        maxActions,
        maxRedirects,
        maxIncludeDepth,
        maxVariableSize,
        value,
        maxRunTime);
  }

  /** A copy with a different run time limit. */
  public SieveLimits withMaxRunTime(Duration value) {
    return new SieveLimits(
        maxScriptSize,
        maxNestingDepth,
        maxActions,
        maxRedirects,
        maxIncludeDepth,
        maxVariableSize,
        maxVariableCount,
        value);
  }
}
