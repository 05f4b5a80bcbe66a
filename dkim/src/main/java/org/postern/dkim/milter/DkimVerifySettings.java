package org.postern.dkim.milter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.postern.common.config.InvalidSettingException;
import org.postern.dkim.verification.DkimVerifier;
import org.postern.milter.filter.HandlerSettings;

/**
 * {@code {type: dkim-verify}}: verifies the DKIM signatures of mail from external clients (not
 * authenticated, not in {@code networks}), adds {@code Authentication-Results} and removes incoming
 * ones that claim our authserv-id.
 *
 * @param authservId the authserv-id of our results (default: this machine's host name)
 * @param networks clients whose mail is ours and not verified (default 127.0.0.0/8, ::1)
 * @param dnsServers resolvers as {@code HOST} or {@code HOST:PORT} (default: /etc/resolv.conf)
 * @param dnsTimeout how long a key lookup may take; past it the signature is temperror (default 5s)
 * @param dnsFile serve key records from this file ({@code name value} lines) instead of DNS
 * @param cacheSize key records cached, each for its TTL (default 10000)
 * @param maxSignatures signatures checked per message (default 5)
 * @param minimumRsaBits shorter RSA keys are permerror (default 1024)
 * @param rsaSha1 what a verified rsa-sha1 signature yields: {@code pass} (default), {@code policy}
 *     or {@code fail}
 * @param clockSkew how far a signer's clock may be off: {@code t=} further in the future, or {@code
 *     x=} further in the past, fails the signature (default 5m, as OpenDKIM)
 * @param threads verification threads (default: the number of processors)
 * @param queueCapacity verifications that may wait for a thread before mail gets TEMPFAIL (default
 *     1000)
 */
public record DkimVerifySettings(
    String authservId,
    List<String> networks,
    List<String> dnsServers,
    Duration dnsTimeout,
    Path dnsFile,
    Integer cacheSize,
    Integer maxSignatures,
    Integer minimumRsaBits,
    RsaSha1Treatment rsaSha1,
    Duration clockSkew,
    Integer threads,
    Integer queueCapacity)
    implements HandlerSettings {

  /** Checks every key and fills in defaults (the authserv-id stays null for the host name). */
  public DkimVerifySettings {
    if (authservId != null && !authservId.matches("[A-Za-z0-9!#$%&'*+./=?^_`{|}~-]+")) {
      throw new InvalidSettingException("authserv-id", "must be a token like mx.example.org");
    }
    networks = DkimSignSettings.checkNetworks(networks);
    dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    for (String server : dnsServers) {
      if (!server.matches("[A-Za-z0-9.:_\\[\\]-]+")) {
        throw new InvalidSettingException("dns-servers", "'" + server + "' is not HOST[:PORT]");
      }
    }
    dnsTimeout = dnsTimeout == null ? Duration.ofSeconds(5) : dnsTimeout;
    if (dnsTimeout.isNegative() || dnsTimeout.isZero()) {
      throw new InvalidSettingException("dns-timeout", "must be positive");
    }
    cacheSize = positive("cache-size", cacheSize, 10_000);
    maxSignatures = positive("max-signatures", maxSignatures, 5);
    minimumRsaBits = positive("minimum-rsa-bits", minimumRsaBits, 1024);
    rsaSha1 = rsaSha1 == null ? RsaSha1Treatment.PASS : rsaSha1;
    clockSkew = clockSkew == null ? DkimVerifier.DEFAULT_CLOCK_SKEW : clockSkew;
    if (clockSkew.isNegative()) {
      throw new InvalidSettingException("clock-skew", "must not be negative");
    }
    threads = positive("threads", threads, Runtime.getRuntime().availableProcessors());
    queueCapacity = positive("queue-capacity", queueCapacity, 1000);
  }

  /** Every default: the host name as authserv-id, system resolvers, local clients trusted. */
  public static DkimVerifySettings defaults() {
    return new DkimVerifySettings(
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** These settings with the given authserv-id, trusted networks and key file instead of DNS. */
  public DkimVerifySettings with(String id, List<String> trusted, Path keyRecords) {
    return new DkimVerifySettings(
        id,
        trusted,
        dnsServers,
        dnsTimeout,
        keyRecords,
        cacheSize,
        maxSignatures,
        minimumRsaBits,
        rsaSha1,
        clockSkew,
        threads,
        queueCapacity);
  }

  private static int positive(String key, Integer value, int fallback) {
    int result = value == null ? fallback : value;
    if (result < 1) {
      throw new InvalidSettingException(key, "must be positive");
    }
    return result;
  }
}
