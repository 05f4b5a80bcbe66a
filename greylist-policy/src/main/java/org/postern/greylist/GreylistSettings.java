package org.postern.greylist;

import java.nio.file.Path;
import java.time.Duration;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.InvalidSettingException;

/**
 * The {@code greylist} config section; each key is also a {@code postern greylist} option.
 *
 * @param listen where the policy service listens
 * @param store {@code file:PATH} (relative to the data directory) or {@code redis://HOST:PORT}
 * @param delay how long a new triplet is deferred
 * @param retryWindow how long after the first attempt a retry still passes
 * @param maxAge entries unseen this long are forgotten
 * @param autoWhitelistClients passes (one an hour at most) after which a network skips greylisting;
 *     0 turns auto-whitelisting off
 * @param ipv4Prefix bits of an IPv4 client address that form its network
 * @param ipv6Prefix bits of an IPv6 client address that form its network
 * @param prependHeader add {@code X-Greylist: delayed N seconds} to mail passed after a delay
 * @param greylistText the text of the deferral, before {@code , retry in N seconds}
 * @param whitelistClients client whitelist file, re-read when it changes (none when empty)
 * @param whitelistRecipients recipient whitelist file, re-read when it changes (none when empty)
 * @param defaultClientWhitelist whether the shipped list of big senders is whitelisted too
 * @param storeFailure the answer while the store is down or saturated
 * @param storeThreads threads doing store work (Redis store; the file store answers from memory)
 * @param storeQueue store requests that may wait before the fail mode answers (Redis store)
 * @param cacheEntries entries of each kind kept in memory in front of the Redis store (the file
 *     store keeps every entry in memory)
 * @param cacheTtl how long a cached entry is trusted (Redis store)
 * @param redisTimeout how long one Redis command may take
 */
public record GreylistSettings(
    ListenAddress listen,
    String store,
    Duration delay,
    Duration retryWindow,
    Duration maxAge,
    int autoWhitelistClients,
    int ipv4Prefix,
    int ipv6Prefix,
    boolean prependHeader,
    String greylistText,
    Path whitelistClients,
    Path whitelistRecipients,
    boolean defaultClientWhitelist,
    FailMode storeFailure,
    int storeThreads,
    int storeQueue,
    long cacheEntries,
    Duration cacheTtl,
    Duration redisTimeout) {

  /** The default listen address in {@code postern stack}. */
  public static final String DEFAULT_LISTEN = "inet:127.0.0.1:10023";

  /** Checks each value, naming the key at fault. */
  public GreylistSettings {
    try {
      StoreLocation.parse(store);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("store", e.getMessage());
    }
    if (retryWindow.compareTo(delay) < 0) {
      throw new InvalidSettingException("retry-window", "must not be shorter than the delay");
    }
    if (maxAge.compareTo(retryWindow) < 0) {
      throw new InvalidSettingException("max-age", "must not be shorter than the retry window");
    }
    if (autoWhitelistClients < 0) {
      throw new InvalidSettingException("auto-whitelist-clients", "must not be negative");
    }
    if (ipv4Prefix < 0 || ipv4Prefix > 32) {
      throw new InvalidSettingException("ipv4-prefix", "must be 0 to 32");
    }
    if (ipv6Prefix < 0 || ipv6Prefix > 128) {
      throw new InvalidSettingException("ipv6-prefix", "must be 0 to 128");
    }
    if (greylistText == null || greylistText.isBlank() || greylistText.contains("\n")) {
      throw new InvalidSettingException("greylist-text", "must be one non-empty line");
    }
    if (storeThreads <= 0) {
      throw new InvalidSettingException("store-threads", "must be positive");
    }
    if (storeQueue <= 0) {
      throw new InvalidSettingException("store-queue", "must be positive");
    }
    if (cacheEntries < 0) {
      throw new InvalidSettingException("cache-entries", "must not be negative");
    }
  }

  /**
   * postgrey's defaults: 300 s delay, 2 day retry window, 35 day max age, 5 passes to whitelist.
   */
  public static GreylistSettings defaults() {
    return new GreylistSettings(
        ListenAddress.parse(DEFAULT_LISTEN),
        "file:greylist.db",
        Duration.ofSeconds(300),
        Duration.ofDays(2),
        Duration.ofDays(35),
        5,
        24,
        64,
        false,
        "Greylisted, see https://www.rfc-editor.org/rfc/rfc6647",
        null,
        null,
        true,
        FailMode.DUNNO,
        4,
        1000,
        100_000,
        Duration.ofSeconds(60),
        Duration.ofSeconds(1));
  }

  /** The parsed store location. */
  public StoreLocation storeLocation() {
    return StoreLocation.parse(store);
  }

  /** The decision rules these settings describe. */
  public GreylistRules rules() {
    return new GreylistRules(
        delay, retryWindow, maxAge, autoWhitelistClients, prependHeader, greylistText);
  }
}
