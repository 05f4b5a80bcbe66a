package org.postern.dkim.milter;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postern.common.config.InvalidSettingException;
import org.postern.dkim.canonicalization.Canonicalization;
import org.postern.dkim.signing.DkimSigner;
import org.postern.milter.filter.HandlerSettings;

/**
 * {@code {type: dkim-sign, keys: {example.org: [{selector: s1, key-file: /etc/postern/s1.key}]}}}:
 * signs mail of internal clients (authenticated, or from {@code networks}) whose signing domain has
 * an active key.
 *
 * @param keys per signing domain, its keys (one active per algorithm; RSA and Ed25519 both sign);
 *     mail of a domain listed here signs with its active keys unless the signing table says
 *     otherwise
 * @param signingTable sender patterns mapped to a domain of {@code keys} (and optionally one
 *     selector and {@code i=}), the most specific pattern winning; each domain of {@code keys}
 *     implies {@code *@domain} (and {@code *@*.domain} with subdomain fallback) unless listed
 * @param subdomainFallback whether mail of a subdomain without keys of its own signs with the
 *     nearest parent domain's keys (default false)
 * @param networks clients trusted to send our mail, in CIDR notation (default 127.0.0.0/8, ::1)
 * @param signingDomain whose domain signs: {@code from-header} (default) or {@code envelope-sender}
 * @param canonicalization {@code header/body}, each {@code relaxed} or {@code simple} (default
 *     relaxed/relaxed)
 * @param headers the header fields to sign (default RFC 6376's list), each oversigned
 * @param validity adds {@code x=} this long after {@code t=}; absent for no expiry
 * @param threads signing threads (default: the number of processors)
 * @param queueCapacity signatures that may wait for a thread before mail gets TEMPFAIL (default
 *     1000)
 */
public record DkimSignSettings(
    Map<String, List<SigningKeySettings>> keys,
    List<SigningTableEntrySettings> signingTable,
    Boolean subdomainFallback,
    List<String> networks,
    SigningDomainSource signingDomain,
    String canonicalization,
    List<String> headers,
    Duration validity,
    Integer threads,
    Integer queueCapacity)
    implements HandlerSettings {

  /** Checks every key and fills in defaults. */
  public DkimSignSettings {
    if (keys == null || keys.isEmpty()) {
      throw new InvalidSettingException(
          "keys", "dkim-sign needs keys: a mapping of domain to [{selector, key-file}]");
    }
    Map<String, List<SigningKeySettings>> copy = new LinkedHashMap<>();
    keys.forEach(
        (domain, list) -> {
          if (!isDomainName(domain)) {
            throw new InvalidSettingException("keys", "'" + domain + "' is not a domain name");
          }
          if (list == null || list.isEmpty()) {
            throw new InvalidSettingException("keys", domain + " has no keys");
          }
          copy.put(domain.toLowerCase(Locale.ROOT), List.copyOf(list));
        });
    keys = Map.copyOf(copy);
    signingTable = checkSigningTable(signingTable, keys);
    subdomainFallback = subdomainFallback != null && subdomainFallback;
    networks = checkNetworks(networks);
    signingDomain = signingDomain == null ? SigningDomainSource.FROM_HEADER : signingDomain;
    canonicalization = canonicalization == null ? "relaxed/relaxed" : canonicalization;
    CanonicalizationPair.parse(canonicalization);
    headers = headers == null ? DkimSigner.DEFAULT_HEADERS : List.copyOf(headers);
    if (headers.stream().noneMatch(name -> name.equalsIgnoreCase("from"))) {
      throw new InvalidSettingException("headers", "the signed headers must include from");
    }
    if (validity != null && (validity.isNegative() || validity.isZero())) {
      throw new InvalidSettingException("validity", "must be positive");
    }
    threads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (threads < 1) {
      throw new InvalidSettingException("threads", "must be at least 1");
    }
    queueCapacity = queueCapacity == null ? 1000 : queueCapacity;
    if (queueCapacity < 1) {
      throw new InvalidSettingException("queue-capacity", "must be at least 1");
    }
  }

  /** Signs mail of {@code domain} from 127.0.0.0/8 and ::1 with the keys given, relaxed/relaxed. */
  public static DkimSignSettings forDomain(String domain, List<SigningKeySettings> domainKeys) {
    return new DkimSignSettings(
        Map.of(domain, domainKeys), null, null, null, null, null, null, null, null, null);
  }

  /** These settings trusting {@code moreNetworks} instead. */
  public DkimSignSettings withNetworks(List<String> moreNetworks) {
    return new DkimSignSettings(
        keys,
        signingTable,
        subdomainFallback,
        moreNetworks,
        signingDomain,
        canonicalization,
        headers,
        validity,
        threads,
        queueCapacity);
  }

  /** These settings with another signing table and subdomain fallback. */
  public DkimSignSettings withSigningTable(
      List<SigningTableEntrySettings> table, boolean fallback) {
    return new DkimSignSettings(
        keys,
        table,
        fallback,
        networks,
        signingDomain,
        canonicalization,
        headers,
        validity,
        threads,
        queueCapacity);
  }

  /** Whether {@code text} is a domain name: letters, digits, hyphens and dots. */
  static boolean isDomainName(String text) {
    return text.matches(
        "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  }

  /** Refuses a pattern listed twice and entries naming keys that are not configured. */
  private static List<SigningTableEntrySettings> checkSigningTable(
      List<SigningTableEntrySettings> table, Map<String, List<SigningKeySettings>> keys) {
    if (table == null) {
      return List.of();
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < table.size(); i++) {
      SigningTableEntrySettings entry = table.get(i);
      if (entry == null) {
        throw new InvalidSettingException("signing-table", "entry " + (i + 1) + " is empty");
      }
      Integer earlier = seen.putIfAbsent(entry.sender(), i + 1);
      if (earlier != null) {
        throw new InvalidSettingException(
            "signing-table",
            "entries "
                + earlier
                + " and "
                + (i + 1)
                + " both list sender "
                + entry.sender()
                + ": which applies is ambiguous");
      }
      List<SigningKeySettings> domainKeys = keys.get(entry.domain());
      if (domainKeys == null) {
        throw new InvalidSettingException(
            "signing-table",
            "entry "
                + (i + 1)
                + " ("
                + entry.sender()
                + ") signs as "
                + entry.domain()
                + ", which has no keys under keys:");
      }
      if (entry.selector() != null
          && domainKeys.stream()
              .noneMatch(key -> key.selector().equalsIgnoreCase(entry.selector()))) {
        throw new InvalidSettingException(
            "signing-table",
            "entry "
                + (i + 1)
                + " ("
                + entry.sender()
                + ") names selector "
                + entry.selector()
                + ", which "
                + entry.domain()
                + " does not have under keys:");
      }
      if (entry.selector() == null && domainKeys.stream().noneMatch(SigningKeySettings::active)) {
        throw new InvalidSettingException(
            "signing-table",
            "entry "
                + (i + 1)
                + " ("
                + entry.sender()
                + "): "
                + entry.domain()
                + " has no active key; name a selector");
      }
    }
    return List.copyOf(table);
  }

  static List<String> checkNetworks(List<String> networks) {
    if (networks == null) {
      return InternalClients.DEFAULT_NETWORKS;
    }
    for (String network : networks) {
      try {
        Network.parse(network);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException("networks", e.getMessage());
      }
    }
    return List.copyOf(networks);
  }

  /** Header and body canonicalisation from {@code relaxed/simple} text. */
  record CanonicalizationPair(Canonicalization header, Canonicalization body) {
    static CanonicalizationPair parse(String text) {
      String[] parts = text.split("/", -1);
      try {
        if (parts.length == 1) {
          return new CanonicalizationPair(
              Canonicalization.parse(parts[0]), Canonicalization.SIMPLE);
        }
        if (parts.length == 2) {
          return new CanonicalizationPair(
              Canonicalization.parse(parts[0]), Canonicalization.parse(parts[1]));
        }
      } catch (IllegalArgumentException e) {
        // fall through to the message naming the expected form
      }
      throw new InvalidSettingException(
          "canonicalization", "expected header/body, each relaxed or simple, like relaxed/relaxed");
    }
  }
}
