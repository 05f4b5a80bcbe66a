package org.postern.screen.policy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.postern.common.stats.Counter;
import org.postern.common.stats.ServiceStats;
import org.postern.policy.PolicyAction;
import org.postern.policy.PolicyHandler;
import org.postern.policy.PolicyRequest;
import org.postern.screen.access.AccessAction;
import org.postern.screen.access.AccessList;
import org.postern.screen.address.ClientAddress;
import org.postern.screen.address.InvalidClientAddressException;
import org.postern.screen.dns.TtlBounds;
import org.postern.screen.dnsbl.DnsblScreen;
import org.postern.screen.pass.PassCache;
import org.postern.screen.score.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * postscreen's DNSBL test as a Postfix policy service. For any request (CONNECT, or RCPT when
 * Postfix delays client restrictions) it checks the client address against the access list, then
 * the pass cache, then the DNSBL sites, and answers:
 *
 * <ul>
 *   <li>access list {@code reject}: {@code REJECT 5.7.1 ...};
 *   <li>listed: per {@link ListedAction}, with a text naming the lists, as postscreen's {@code
 *       Service unavailable; client [1.2.3.4] blocked using zen.spamhaus.org};
 *   <li>anything else, including temporary DNS failures: {@code DUNNO}, so later restrictions run.
 * </ul>
 *
 * A client with a complete, unlisted verdict is remembered in the pass cache for the verdict's TTL;
 * an incomplete verdict (a site timed out or failed) is not remembered.
 */
public final class ScreenPolicyHandler implements PolicyHandler {
  private static final Logger log = LoggerFactory.getLogger(ScreenPolicyHandler.class);

  private final AccessList accessList;
  private final PassCache passCache;
  private final DnsblScreen screen;
  private final ListedAction listedAction;
  private final TtlBounds passTtl;
  private final ServiceStats stats;
  // Resolved once: looking a counter up by name per request showed in profiles.
  private final Counter requests;
  private final Outcome noAddress;
  private final Outcome accessPermit;
  private final Outcome passCached;

  /** A counted answer that needs no text: the counter and a completed stage, both shared. */
  private record Outcome(Counter counter, CompletionStage<PolicyAction> answer) {
    CompletionStage<PolicyAction> count() {
      counter.increment();
      return answer;
    }
  }

  /** Decides with these parts; {@code passTtl} bounds how long an unlisted verdict is kept. */
  public ScreenPolicyHandler(
      AccessList accessList,
      PassCache passCache,
      DnsblScreen screen,
      ListedAction listedAction,
      TtlBounds passTtl,
      ServiceStats stats) {
    this.accessList = accessList;
    this.passCache = passCache;
    this.screen = screen;
    this.listedAction = listedAction;
    this.passTtl = passTtl;
    this.stats = stats;
    this.requests = stats.counter("requests");
    this.noAddress = dunno(stats, "no_address");
    this.accessPermit = dunno(stats, "access_permit");
    this.passCached = dunno(stats, "pass_cached");
  }

  private static Outcome dunno(ServiceStats stats, String outcome) {
    return new Outcome(
        stats.counter("outcome." + outcome),
        CompletableFuture.completedStage(PolicyAction.dunno()));
  }

  @Override
  public CompletionStage<PolicyAction> decide(PolicyRequest request) {
    requests.increment();
    long start = System.nanoTime();
    String text = request.clientAddress();
    ClientAddress client;
    try {
      client = ClientAddress.parse(text);
    } catch (InvalidClientAddressException e) {
      return noAddress.count();
    }
    AccessAction access = accessList.check(client);
    if (access == AccessAction.PERMIT) {
      return accessPermit.count();
    }
    if (access == AccessAction.REJECT) {
      log.info("access list rejects client [{}]", text);
      return answered(
          "access_reject",
          PolicyAction.reject(
              "5.7.1 Service unavailable; client [" + text + "] blocked by the access list"));
    }
    if (screen.sites().isEmpty()) {
      return passCached.count();
    }
    return passCache
        .passed(client)
        .thenCompose(passed -> passed ? passCached.count() : screened(text, client, start));
  }

  private CompletionStage<PolicyAction> screened(String text, ClientAddress client, long start) {
    return screen
        .screen(client)
        .thenApply(
            verdict -> {
              stats.latency("dnsbl").recordNanos(System.nanoTime() - start);
              return act(text, client, verdict);
            });
  }

  private PolicyAction act(String text, ClientAddress client, Verdict verdict) {
    switch (verdict.classification()) {
      case LISTED:
        return listed(text, verdict);
      case TRUSTED:
        passCache.pass(client, passTtl.clamp(verdict.ttl()));
        return counted("trusted", PolicyAction.dunno());
      default:
        if (verdict.complete()) {
          passCache.pass(client, passTtl.clamp(verdict.ttl()));
          return counted("pass", PolicyAction.dunno());
        }
        return counted("incomplete", PolicyAction.dunno());
    }
  }

  private PolicyAction listed(String text, Verdict verdict) {
    String lists = String.join(", ", verdict.listedBy());
    log.info(
        "client [{}] listed with score {} by {}{}",
        text,
        verdict.score(),
        lists,
        verdict.timedOut().isEmpty() ? "" : " (timed out: " + verdict.timedOut() + ")");
    String reason = "Service unavailable; client [" + text + "] blocked using " + lists;
    switch (listedAction) {
      case REJECT:
        return counted("listed_reject", PolicyAction.reject("5.7.1 " + reason));
      case DEFER:
        return counted("listed_defer", PolicyAction.defer("4.7.1 " + reason));
      default:
        return counted("listed_ignored", PolicyAction.dunno());
    }
  }

  private PolicyAction counted(String outcome, PolicyAction action) {
    stats.counter("outcome." + outcome).increment();
    return action;
  }

  private CompletionStage<PolicyAction> answered(String outcome, PolicyAction action) {
    return CompletableFuture.completedFuture(counted(outcome, action));
  }
}
