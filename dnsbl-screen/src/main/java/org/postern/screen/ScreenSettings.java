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
import org.postern.screen.proxy.TestAction;
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
 * @param cacheEntries DNS answers and passed clients kept in memory, each; 0 caches nothing
 * @param minTtl shortest time a DNS answer or pass is kept
 * @param maxTtl longest time a DNS answer or pass is kept
 * @param proxyListen where {@code postern screen proxy} listens (port 25)
 * @param smtpd the Postfix smtpd the proxy hands passed clients to, with XCLIENT
 * @param greetWait how long the proxy waits after its {@code 220-} teaser line
 * @param greetBanner the text of the proxy's teaser and of its own greeting and EHLO reply
 * @param pregreetAction what the proxy does with a client that talks before the greeting
 * @param proxyDnsblAction what the proxy does with a listed client
 * @param pipeliningEnable whether the proxy runs the pipelining deep test
 * @param pipeliningAction what it does with a client pipelining without PIPELINING offered
 * @param nonSmtpCommandEnable whether the proxy runs the non-SMTP command deep test
 * @param nonSmtpCommandAction what it does with a client sending GET, POST, CONNECT, Host:...
 * @param bareNewlineEnable whether the proxy runs the bare newline deep test
 * @param bareNewlineAction what it does with a client ending a line with LF alone
 * @param maxConnections clients connected to the proxy at once; more get {@code 421 4.3.2}
 * @param maxConnectionsPerClient connections at once from one address; more get {@code 421}
 * @param maxLineLength longest command line the proxy reads before handing off
 * @param greetPassTtl how long passing the greeting tests exempts a client from them
 * @param deepPassTtl how long passing the deep tests exempts a client from them
 * @param passCache {@code embedded} (in memory) or {@code redis://HOST:PORT}, shared by MX hosts
 * @param redisTimeout how long one Redis command of the pass cache may take
 * @param dnsMaxInFlight DNS queries sent and unanswered at once; more wait their turn, so a burst
 *     never overflows the resolver's receive buffer
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
    Duration maxTtl,
    ListenAddress proxyListen,
    ListenAddress smtpd,
    Duration greetWait,
    String greetBanner,
    TestAction pregreetAction,
    TestAction proxyDnsblAction,
    boolean pipeliningEnable,
    TestAction pipeliningAction,
    boolean nonSmtpCommandEnable,
    TestAction nonSmtpCommandAction,
    boolean bareNewlineEnable,
    TestAction bareNewlineAction,
    int maxConnections,
    int maxConnectionsPerClient,
    int maxLineLength,
    Duration greetPassTtl,
    Duration deepPassTtl,
    String passCache,
    Duration redisTimeout,
    int dnsMaxInFlight) {

  /** The default listen address in {@code postern stack}. */
  public static final String DEFAULT_LISTEN = "inet:127.0.0.1:10024";

  /**
   * Queries in flight by default: rbldnsd's 128 KiB receive buffer holds about 150 small queries
   * (each costs ~830 bytes of buffer); 100 keep a local rbldnsd busy without drops even when it is
   * not scheduled for a while.
   */
  public static final int DEFAULT_DNS_MAX_IN_FLIGHT = 100;

  /** The {@code pass-cache} value for a pass cache in memory. */
  public static final String EMBEDDED = "embedded";

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
    if (cacheEntries < 0) {
      throw new InvalidSettingException("cache-entries", "must not be negative (0: no caching)");
    }
    if (minTtl.isNegative()) {
      throw new InvalidSettingException("min-ttl", "must not be negative");
    }
    if (maxTtl.compareTo(minTtl) < 0) {
      throw new InvalidSettingException("max-ttl", "must not be shorter than min-ttl");
    }
    if (!(proxyListen instanceof ListenAddress.Inet)) {
      throw new InvalidSettingException("proxy-listen", "must be inet:HOST:PORT");
    }
    positive("greet-wait", greetWait);
    if (greetBanner.isBlank() || greetBanner.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new InvalidSettingException("greet-banner", "must be printable ASCII on one line");
    }
    if (maxConnections < 1) {
      throw new InvalidSettingException("max-connections", "must be at least 1");
    }
    if (maxConnectionsPerClient < 1) {
      throw new InvalidSettingException("max-connections-per-client", "must be at least 1");
    }
    if (maxLineLength < 512) {
      throw new InvalidSettingException("max-line-length", "must be at least 512 (RFC 5321)");
    }
    positive("greet-pass-ttl", greetPassTtl);
    positive("deep-pass-ttl", deepPassTtl);
    if (!passCache.equals(EMBEDDED) && !passCache.startsWith("redis://")) {
      throw new InvalidSettingException("pass-cache", "must be embedded or redis://HOST:PORT");
    }
    positive("redis-timeout", redisTimeout);
    if (dnsMaxInFlight < 1) {
      throw new InvalidSettingException("dns-max-in-flight", "must be at least 1");
    }
  }

  /** Whether passes are shared through Redis rather than kept in memory. */
  public boolean redisPassCache() {
    return passCache.startsWith("redis://");
  }

  private static void positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new InvalidSettingException(key, "must be positive");
    }
  }

  /**
   * postscreen's defaults where it has them (threshold 1, trusting off, greet wait 6 s, deep tests
   * off, 50 connections per client, passes kept 1 day and 30 days, in memory); no sites until
   * configured, since public resolvers are refused by most lists; answers kept 1 minute to 1 hour.
   * The proxy enforces pregreet and DNSBL results, as postscreen's documentation recommends.
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
        Duration.ofHours(1),
        ListenAddress.parse("inet:0.0.0.0:25"),
        ListenAddress.parse("inet:127.0.0.1:10025"),
        Duration.ofSeconds(6),
        "ESMTP",
        TestAction.ENFORCE,
        TestAction.ENFORCE,
        false,
        TestAction.ENFORCE,
        false,
        TestAction.DROP,
        false,
        TestAction.IGNORE,
        1000,
        50,
        2048,
        Duration.ofDays(1),
        Duration.ofDays(30),
        EMBEDDED,
        Duration.ofMillis(250),
        DEFAULT_DNS_MAX_IN_FLIGHT);
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
