package org.postern.greylist;

import java.time.Duration;

/**
 * The timing and behaviour of greylisting, as postgrey's options.
 *
 * @param delay how long a new triplet is deferred
 * @param retryWindow how long after the first attempt a retry still counts
 * @param maxAge entries unseen this long are forgotten
 * @param autoWhitelistClients passes after which a client network is whitelisted (0: never)
 * @param prependHeader whether mail passed after a delay gets an {@code X-Greylist} header
 * @param greylistText the deferral text, before {@code , retry in N seconds}
 */
public record GreylistRules(
    Duration delay,
    Duration retryWindow,
    Duration maxAge,
    int autoWhitelistClients,
    boolean prependHeader,
    String greylistText) {

  /** Checks that the durations are ordered sensibly. */
  public GreylistRules {
    if (delay.isNegative()
        || retryWindow.compareTo(delay) < 0
        || maxAge.compareTo(retryWindow) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= delay <= retry window <= max age, got "
              + delay
              + ", "
              + retryWindow
              + ", "
              + maxAge);
    }
    if (autoWhitelistClients < 0) {
      throw new IllegalArgumentException("auto-whitelist count must not be negative");
    }
  }
}
