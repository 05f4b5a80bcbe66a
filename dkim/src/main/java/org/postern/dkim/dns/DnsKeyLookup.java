package org.postern.dkim.dns;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks TXT records up in DNS with dnsjava's asynchronous resolver API: no thread waits for an
 * answer. NXDOMAIN and empty answers are "no record"; SERVFAIL, REFUSED and timeouts are temporary
 * failures.
 */
public final class DnsKeyLookup implements KeyLookup {
  /** How long a negative answer without SOA is cached. */
  static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofMinutes(5);

  private final Resolver resolver;

  /** Uses the system's resolvers ({@code /etc/resolv.conf}). */
  public DnsKeyLookup() {
    this(new ExtendedResolver());
  }

  /** Uses the given resolver (e.g. a {@code SimpleResolver} pointed at a test server). */
  public DnsKeyLookup(Resolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public CompletionStage<TxtRecords> lookupTxt(String name) {
    Message query;
    try {
      query =
          Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.TXT, DClass.IN));
    } catch (TextParseException e) {
      return CompletableFuture.failedFuture(
          new TemporaryLookupException("invalid DNS name " + name, e));
    }
    return resolver
        .sendAsync(query)
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw new java.util.concurrent.CompletionException(
                    new TemporaryLookupException(
                        "TXT " + name + ": " + failure.getMessage(), failure));
              }
              return answer(name, response);
            });
  }

  static TxtRecords answer(String name, Message response) {
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return TxtRecords.none(negativeTtl(response));
    }
    if (rcode != Rcode.NOERROR) {
      throw new java.util.concurrent.CompletionException(
          new TemporaryLookupException("TXT " + name + ": " + Rcode.string(rcode)));
    }
    List<String> texts = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (Record record : response.getSection(Section.ANSWER)) {
      if (record instanceof TXTRecord txt) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] string : txt.getStringsAsByteArrays()) {
          joined.writeBytes(string);
        }
        texts.add(joined.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
        ttl = Math.min(ttl, record.getTTL());
      }
    }
    if (texts.isEmpty()) {
      return TxtRecords.none(negativeTtl(response));
    }
    return new TxtRecords(texts, Duration.ofSeconds(ttl));
  }

  private static Duration negativeTtl(Message response) {
    for (Record record : response.getSection(Section.AUTHORITY)) {
      if (record instanceof SOARecord soa) {
        return Duration.ofSeconds(Math.min(soa.getTTL(), soa.getMinimum()));
      }
    }
    return DEFAULT_NEGATIVE_TTL;
  }
}
