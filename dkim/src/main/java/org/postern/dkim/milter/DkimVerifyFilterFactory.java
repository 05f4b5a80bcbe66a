package org.postern.dkim.milter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postern.common.executor.BoundedExecutor;
import org.postern.dkim.dns.CachingKeyLookup;
import org.postern.dkim.dns.DnsKeyLookup;
import org.postern.dkim.dns.KeyLookup;
import org.postern.dkim.dns.StaticKeyLookup;
import org.postern.dkim.verification.DkimVerifier;
import org.postern.milter.filter.FilterSetupException;
import org.postern.milter.filter.MilterFilter;
import org.postern.milter.filter.MilterFilterFactory;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * The {@code dkim-verify} filter type: key records from DNS (or a file), cached for their TTL, and
 * the verification threads. Part of the default milter chain.
 */
public final class DkimVerifyFilterFactory implements MilterFilterFactory<DkimVerifySettings> {
  /** The type name in config. */
  public static final String TYPE = "dkim-verify";

  /** Key records are kept at most this long, whatever their TTL. */
  private static final Duration MAX_CACHE_TTL = Duration.ofHours(1);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<DkimVerifySettings> settingsType() {
    return DkimVerifySettings.class;
  }

  @Override
  public Optional<DkimVerifySettings> defaults() {
    return Optional.of(DkimVerifySettings.defaults());
  }

  @Override
  public MilterFilter create(DkimVerifySettings settings) {
    KeyLookup lookup =
        new CachingKeyLookup(keyRecords(settings), settings.cacheSize(), MAX_CACHE_TTL);
    return create(settings, lookup);
  }

  /** The filter of {@code settings} looking keys up with {@code lookup} (tests, benchmarks). */
  public static DkimVerifyFilter create(DkimVerifySettings settings, KeyLookup lookup) {
    return create(
        settings,
        lookup,
        BoundedExecutor.builder("dkim-verify")
            .threads(settings.threads())
            .queueCapacity(settings.queueCapacity())
            .build());
  }

  /**
   * The filter of {@code settings} verifying on {@code executor} instead of its own threads, so a
   * test can hold the executor's threads and fill its queue.
   */
  static DkimVerifyFilter create(
      DkimVerifySettings settings, KeyLookup lookup, BoundedExecutor executor) {
    DkimVerifier verifier =
        DkimVerifier.builder(lookup)
            .maxSignatures(settings.maxSignatures())
            .minimumRsaBits(settings.minimumRsaBits())
            .rsaSha1Status(settings.rsaSha1().status())
            .clockSkew(settings.clockSkew())
            .executor(new CryptoExecutor(executor))
            .build();
    String authservId = settings.authservId() != null ? settings.authservId() : hostName();
    return new DkimVerifyFilter(
        verifier,
        authservId,
        InternalClients.of(settings.networks()),
        settings.dnsTimeout().plusSeconds(1),
        executor);
  }

  private static KeyLookup keyRecords(DkimVerifySettings settings) {
    if (settings.dnsFile() != null) {
      try {
        return StaticKeyLookup.fromFile(settings.dnsFile());
      } catch (IOException e) {
        throw new FilterSetupException(TYPE, "cannot read dns-file " + settings.dnsFile(), e);
      }
    }
    return new DnsKeyLookup(resolver(settings));
  }

  private static Resolver resolver(DkimVerifySettings settings) {
    try {
      ExtendedResolver resolver;
      if (settings.dnsServers().isEmpty()) {
        resolver = new ExtendedResolver();
      } else {
        List<Resolver> servers = new ArrayList<>();
        for (String server : settings.dnsServers()) {
          servers.add(simpleResolver(server));
        }
        resolver = new ExtendedResolver(servers);
      }
      resolver.setTimeout(settings.dnsTimeout());
      return resolver;
    } catch (UnknownHostException e) {
      throw new FilterSetupException(TYPE, "bad dns-servers entry: " + e.getMessage(), e);
    }
  }

  private static Resolver simpleResolver(String server) throws UnknownHostException {
    String host = server;
    int port = 53;
    int colon = server.lastIndexOf(':');
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      host = server.substring(1, close);
      if (close + 1 < server.length() && server.charAt(close + 1) == ':') {
        port = Integer.parseInt(server.substring(close + 2));
      }
    } else if (colon > 0 && server.indexOf(':') == colon) {
      host = server.substring(0, colon);
      port = Integer.parseInt(server.substring(colon + 1));
    }
    SimpleResolver resolver = new SimpleResolver(host);
    resolver.setPort(port);
    return resolver;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
