package org.postern.dkim.dns;

import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Finds DKIM key records without blocking. Implementations: {@link DnsKeyLookup} (real DNS), {@link
 * CachingKeyLookup} (TTL-honouring cache around another lookup), {@link StaticKeyLookup} (fixed
 * records for tests and {@code --dns-file}).
 */
@FunctionalInterface
public interface KeyLookup {

  /**
   * The TXT records at {@code name}; an empty result when the name or its TXT records do not exist.
   * Completes exceptionally with {@link TemporaryLookupException} when DNS failed.
   */
  CompletionStage<TxtRecords> lookupTxt(String name);

  /** The records at {@code selector._domainkey.domain}. */
  default CompletionStage<TxtRecords> lookup(String selector, String domain) {
    return lookupTxt(keyName(selector, domain));
  }

  /** The DNS name of a key record, lower-cased, without trailing dot. */
  static String keyName(String selector, String domain) {
    String name = selector + "._domainkey." + domain;
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.toLowerCase(Locale.ROOT);
  }
}
