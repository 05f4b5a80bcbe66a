package org.postern.screen.dnsbl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postern.common.stats.Counter;
import org.postern.common.stats.ServiceStats;
import org.postern.common.stats.StatsRegistry;
import org.postern.screen.address.ClientAddress;
import org.postern.screen.dns.DnsAnswer;
import org.postern.screen.dns.DnsTimeoutException;
import org.postern.screen.dns.DnsblResolver;
import org.postern.screen.score.ScoreRules;
import org.postern.screen.score.SiteResult;
import org.postern.screen.score.Verdict;
import org.postern.screen.site.DnsblSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every configured site about a client in parallel and scores the answers that arrive within
 * the per-site timeout. Never blocks: the verdict completes when the last site answers or times
 * out. Closing it closes its resolver.
 */
public final class DnsblScreen implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsblScreen.class);

  private final List<DnsblSite> sites;
  private final DnsblResolver resolver;
  private final Duration timeout;
  private final ScoreRules rules;
  private final RefusedQueryLog refusals;
  // Per site, resolved once: site.<domain>.listed|timeout|error.
  private final Map<DnsblSite, Counter[]> siteCounters = new IdentityHashMap<>();

  /** Screens with {@code sites} through {@code resolver}, giving each site {@code timeout}. */
  public DnsblScreen(
      List<DnsblSite> sites,
      DnsblResolver resolver,
      Duration timeout,
      ScoreRules rules,
      RefusedQueryLog refusals) {
    this(sites, resolver, timeout, rules, refusals, new StatsRegistry().service("dnsbl"));
  }

  /**
   * As the other constructor, counting in {@code stats} per site how often it listed a client,
   * timed out or failed ({@code site.<domain>.listed|timeout|error}).
   */
  public DnsblScreen(
      List<DnsblSite> sites,
      DnsblResolver resolver,
      Duration timeout,
      ScoreRules rules,
      RefusedQueryLog refusals,
      ServiceStats stats) {
    this.sites = List.copyOf(sites);
    this.resolver = resolver;
    this.timeout = timeout;
    this.rules = rules;
    this.refusals = refusals;
    for (DnsblSite site : this.sites) {
      String prefix = "site." + metricName(site.domain()) + ".";
      siteCounters.put(
          site,
          new Counter[] {
            stats.counter(prefix + "listed"),
            stats.counter(prefix + "timeout"),
            stats.counter(prefix + "error")
          });
    }
  }

  // Metric names are lower-case words: a '-' in a domain becomes '_'.
  private static String metricName(String domain) {
    return domain
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_.]", "_")
        .replaceAll("^\\.+|\\.+$", "");
  }

  private void count(SiteResult result) {
    Counter[] counters = siteCounters.get(result.site());
    if (counters == null) {
      return;
    }
    switch (result.status()) {
      case MATCHED -> counters[0].increment();
      case TIMED_OUT -> counters[1].increment();
      case FAILED -> counters[2].increment();
      default -> {}
    }
  }

  /** The sites asked, in configuration order. */
  public List<DnsblSite> sites() {
    return sites;
  }

  /**
   * Closes the resolver (its sockets and threads): queries still unanswered fail, later verdicts
   * count every site as failed. Call it once no request needs the screen any more.
   */
  @Override
  public void close() {
    resolver.close();
  }

  /** The verdict on {@code client}; the future never fails for DNS reasons. */
  public CompletableFuture<Verdict> screen(ClientAddress client) {
    String reversed = client.reversedName();
    List<CompletableFuture<SiteResult>> queries = new ArrayList<>(sites.size());
    for (DnsblSite site : sites) {
      queries.add(query(site, reversed + "." + site.domain()));
    }
    return CompletableFuture.allOf(queries.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            ignored -> {
              List<SiteResult> results = new ArrayList<>(queries.size());
              for (CompletableFuture<SiteResult> query : queries) {
                SiteResult result = query.join();
                count(result);
                results.add(result);
              }
              Verdict verdict = Verdict.of(results, rules);
              if (!verdict.complete()) {
                log.info(
                    "DNSBL verdict on {} without {} (timed out) {} (failed)",
                    client,
                    verdict.timedOut(),
                    verdict.failed());
              }
              return verdict;
            });
  }

  private CompletableFuture<SiteResult> query(DnsblSite site, String name) {
    CompletableFuture<DnsAnswer> answer;
    try {
      // A copy, so the timeout does not fail a lookup shared through the cache.
      answer = resolver.lookup(name).copy();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (result, error) -> {
              if (error == null) {
                return new SiteResult(site, status(site, result), result.ttl());
              }
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (cause instanceof TimeoutException || cause instanceof DnsTimeoutException) {
                return new SiteResult(site, SiteResult.Status.TIMED_OUT, Duration.ZERO);
              }
              log.debug("{} failed: {}", name, cause.toString());
              return new SiteResult(site, SiteResult.Status.FAILED, Duration.ZERO);
            });
  }

  private SiteResult.Status status(DnsblSite site, DnsAnswer answer) {
    boolean matched = false;
    boolean refused = false;
    for (byte[] code : answer.codes()) {
      if (RefusedQueryLog.isRefusal(code)) {
        refusals.record(site.domain(), code);
        refused = true;
      } else if (site.accepts(code)) {
        matched = true;
      }
    }
    if (matched) {
      return SiteResult.Status.MATCHED;
    }
    // A refusal says nothing about the client: like a failure, it must not be remembered.
    return refused ? SiteResult.Status.FAILED : SiteResult.Status.NOT_MATCHED;
  }
}
