package org.postern.screen.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asynchronous A lookups with dnsjava's non-blocking resolver against the given servers (or the
 * system's, from {@code /etc/resolv.conf}). Answers carry the record TTL; NXDOMAIN and empty
 * answers carry the SOA's negative-caching TTL when the server sent one.
 */
public final class DnsjavaResolver implements DnsblResolver {
  /** TTL assumed for a negative answer without an SOA record. */
  static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofMinutes(5);

  private final Resolver resolver;
  private final Executor executor;

  private DnsjavaResolver(Resolver resolver, Executor executor) {
    this.resolver = resolver;
    this.executor = executor;
  }

  /**
   * A resolver asking {@code servers} (the system's when empty), each query given up after {@code
   * timeout}; callbacks run on {@code executor}, which must not block.
   */
  public static DnsjavaResolver create(
      List<InetSocketAddress> servers, Duration timeout, Executor executor) {
    Resolver resolver;
    if (servers.isEmpty()) {
      resolver = new ExtendedResolver();
    } else if (servers.size() == 1) {
      resolver = new SimpleResolver(servers.get(0));
    } else {
      List<Resolver> each = new ArrayList<>();
      servers.forEach(server -> each.add(new SimpleResolver(server)));
      resolver = new ExtendedResolver(each);
    }
    resolver.setTimeout(timeout);
    return new DnsjavaResolver(resolver, executor);
  }

  @Override
  public CompletableFuture<DnsAnswer> lookup(String name) {
    Message query;
    try {
      query = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
    } catch (TextParseException e) {
      return CompletableFuture.failedFuture(
          new DnsLookupException("bad query name " + name + ": " + e.getMessage(), e));
    }
    CompletableFuture<DnsAnswer> answer = new CompletableFuture<>();
    resolver
        .sendAsync(query, executor)
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                answer.completeExceptionally(failure(name, error));
                return;
              }
              try {
                answer.complete(interpret(name, response));
              } catch (DnsLookupException e) {
                answer.completeExceptionally(e);
              }
            });
    return answer;
  }

  private static DnsAnswer interpret(String name, Message response) {
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

  private static DnsLookupException failure(String name, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof TimeoutException
        || cause instanceof java.net.SocketTimeoutException
        || cause instanceof java.io.InterruptedIOException) {
      return new DnsTimeoutException(name + ": timed out");
    }
    return new DnsLookupException(name + ": " + cause, cause);
  }
}
