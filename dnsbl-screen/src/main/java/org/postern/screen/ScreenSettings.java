package org.postern.screen;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.InvalidSettingException;
import org.postern.screen.dns.DnsServerAddress;
import org.postern.screen.dns.TtlBounds;
import org.postern.screen.policy.ListedAction;
import org.postern.screen.score.ScoreRules;
import org.postern.screen.site.DnsblSite;

/**
 * The {@code screen} config section; each key is also a {@code postern screen} option.
 *
 * @param listen where the policy service listens
 * @param dnsblSites sites in postscreen's syntax, e.g. {@code zen.spamhaus.org=127.0.0.[2..11]*3}
 * @param dnsblThreshold score at or above which a client is listed
 * @param dnsblAllowlistThreshold score at or below which a client is trusted; 0 is off
 * @param dnsblAction the answer for a listed client
 * @param dnsblTimeout how long each site may take to answer
 * @param dnsServers resolvers to ask ({@code IP[:PORT]}); the system's when empty
 * @param accessList cidr_table(5) file checked before the tests (none when unset)
 * @param cacheEntries DNS answers and passed clients kept in memory, each
 * @param minTtl shortest time a DNS answer or pass is kept
 * @param maxTtl longest time a DNS answer or pass is kept
 */
public record ScreenSettings(
    ListenAddress listen,
    List<String> dnsblSites,
    int dnsblThreshold,
    int dnsblAllowlistThreshold,
    ListedAction dnsblAction,
    Duration dnsblTimeout,
    List<String> dnsServers,
    Path accessList,
    long cacheEntries,
    Duration minTtl,
    Duration maxTtl) {

  /** The default listen address in {@code postern stack}. */
  public static final String DEFAULT_LISTEN = "inet:127.0.0.1:10024";

  /** Checks each value, naming the key at fault. */
  public ScreenSettings {
    dnsblSites = List.copyOf(dnsblSites);
    dnsServers = List.copyOf(dnsServers);
    for (String site : dnsblSites) {
      try {
        DnsblSite.parse(site);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException("dnsbl-sites", e.getMessage());
      }
    }
    if (dnsblThreshold < 1) {
      throw new InvalidSettingException("dnsbl-threshold", "must be at least 1");
    }
    if (dnsblAllowlistThreshold > 0) {
      throw new InvalidSettingException("dnsbl-allowlist-threshold", "must be 0 (off) or negative");
    }
    if (dnsblTimeout.isNegative() || dnsblTimeout.isZero()) {
      throw new InvalidSettingException("dnsbl-timeout", "must be positive");
    }
    for (String server : dnsServers) {
      try {
        DnsServerAddress.parse(server);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException("dns-servers", e.getMessage());
      }
    }
    if (cacheEntries <= 0) {
      throw new InvalidSettingException("cache-entries", "must be positive");
    }
    if (minTtl.isNegative()) {
      throw new InvalidSettingException("min-ttl", "must not be negative");
    }
    if (maxTtl.compareTo(minTtl) < 0) {
      throw new InvalidSettingException("max-ttl", "must not be shorter than min-ttl");
    }
  }

  /**
   * postscreen's defaults where it has them (threshold 1, trusting off); no sites until configured,
   * since public resolvers are refused by most lists; answers kept 1 minute to 1 hour.
   */
  public static ScreenSettings defaults() {
    return new ScreenSettings(
        ListenAddress.parse(DEFAULT_LISTEN),
        List.of(),
        1,
        0,
        ListedAction.REJECT,
        Duration.ofSeconds(5),
        List.of(),
        null,
        100_000,
        Duration.ofMinutes(1),
        Duration.ofHours(1));
  }

  /** The parsed sites. */
  public List<DnsblSite> sites() {
    return dnsblSites.stream().map(DnsblSite::parse).toList();
  }

  /** The parsed resolver addresses. */
  public List<InetSocketAddress> resolvers() {
    List<InetSocketAddress> servers = new ArrayList<>();
    dnsServers.forEach(server -> servers.add(DnsServerAddress.parse(server)));
    return servers;
  }

  /** The score thresholds. */
  public ScoreRules rules() {
    return new ScoreRules(dnsblThreshold, dnsblAllowlistThreshold);
  }

  /** The caching time bounds. */
  public TtlBounds ttlBounds() {
    return new TtlBounds(minTtl, maxTtl);
  }
}
