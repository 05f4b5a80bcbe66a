package org.postern.screen.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The A records found for a DNSBL query name, and how long the answer may be cached. No records
 * means not listed (NXDOMAIN or no data).
 *
 * @param codes each reply address, 4 bytes
 * @param ttl the smallest TTL of the records, or the negative-caching TTL when there are none
 */
public record DnsAnswer(List<byte[]> codes, Duration ttl) {

  /** Copies the codes, each checked to be 4 bytes. */
  public DnsAnswer {
    List<byte[]> copies = new ArrayList<>(codes.size());
    for (byte[] code : codes) {
      if (code.length != 4) {
        throw new IllegalArgumentException("a DNSBL reply is an IPv4 address");
      }
      copies.add(code.clone());
    }
    codes = List.copyOf(copies);
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("negative TTL " + ttl);
    }
  }

  /** Not listed, with the negative-caching TTL. */
  public static DnsAnswer notListed(Duration ttl) {
    return new DnsAnswer(List.of(), ttl);
  }

  /** Whether the name exists with at least one address. */
  public boolean listed() {
    return !codes.isEmpty();
  }
}
