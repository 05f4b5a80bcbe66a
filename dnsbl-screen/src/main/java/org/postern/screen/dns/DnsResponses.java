package org.postern.screen.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** Reads a DNSBL answer out of a DNS response: the A records and how long they may be cached. */
final class DnsResponses {
  /** TTL assumed for a negative answer without an SOA record. */
  static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofMinutes(5);

  private DnsResponses() {}

  /**
   * The answer in {@code response} to the query for {@code name}.
   *
   * @throws DnsLookupException for SERVFAIL, REFUSED and other errors
   */
  static DnsAnswer interpret(String name, Message response) {
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return DnsAnswer.notListed(negativeTtl(response));
    }
    if (rcode != Rcode.NOERROR) {
      throw new DnsLookupException(name + ": " + Rcode.string(rcode));
    }
    List<byte[]> codes = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (Record record : response.getSection(Section.ANSWER)) {
      if (record instanceof ARecord a) {
        codes.add(a.getAddress().getAddress());
        ttl = Math.min(ttl, record.getTTL());
      }
    }
    if (codes.isEmpty()) {
      return DnsAnswer.notListed(negativeTtl(response));
    }
    return new DnsAnswer(codes, Duration.ofSeconds(ttl));
  }

  // RFC 2308: the negative TTL is the smaller of the SOA record's TTL and its minimum field.
  private static Duration negativeTtl(Message response) {
    for (Record record : response.getSection(Section.AUTHORITY)) {
      if (record instanceof SOARecord soa) {
        return Duration.ofSeconds(Math.min(soa.getTTL(), soa.getMinimum()));
      }
    }
    return DEFAULT_NEGATIVE_TTL;
  }
}
