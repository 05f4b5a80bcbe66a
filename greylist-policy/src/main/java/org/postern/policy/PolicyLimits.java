package org.postern.policy;

/**
 * Bounds on one policy request so a misbehaving client cannot make the server buffer without end.
 *
 * @param maxLineLength bytes in one {@code name=value} line, without the newline
 * @param maxAttributes attribute lines in one request
 * @param maxRequestBytes bytes in one request including the terminating empty line
 */
public record PolicyLimits(int maxLineLength, int maxAttributes, int maxRequestBytes) {

  /** Checks that every limit is positive. */
  public PolicyLimits {
    if (maxLineLength <= 0 || maxAttributes <= 0 || maxRequestBytes <= 0) {
      throw new IllegalArgumentException(
          "policy limits must be positive: "
              + maxLineLength
              + ", "
              + maxAttributes
              + ", "
              + maxRequestBytes);
    }
  }

  /**
   * Generous for Postfix, whose requests carry about 30 attributes with values bounded by SMTP line
   * lengths (certificate subjects are the longest).
   */
  public static PolicyLimits defaults() {
    return new PolicyLimits(4096, 128, 64 * 1024);
  }
}
