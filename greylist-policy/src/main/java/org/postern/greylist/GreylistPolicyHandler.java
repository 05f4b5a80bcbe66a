package org.postern.greylist;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.postern.common.executor.BoundedExecutor;
import org.postern.common.executor.ExecutorSaturatedException;
import org.postern.common.stats.Counter;
import org.postern.common.stats.ServiceStats;
import org.postern.policy.PolicyAction;
import org.postern.policy.PolicyHandler;
import org.postern.policy.PolicyRequest;

/**
 * Greylisting as a {@link PolicyHandler}: answers whitelisted and non-RCPT requests on the event
 * loop, and runs the store-backed {@link Greylist} decision there too when its store answers from
 * memory, otherwise on a bounded executor. A store failure or a full queue is answered with the
 * configured {@link FailMode}; any other error fails the stage, so the connection is closed and
 * Postfix applies its default.
 */
public final class GreylistPolicyHandler implements PolicyHandler {
  private final Greylist greylist;
  private final TripletNormaliser normaliser;
  private final Whitelists whitelists;
  private final BoundedExecutor executor;
  // Decide on the calling event loop: the store never blocks, and the hop to the executor and
  // back (two thread wake-ups) would cost more than the decision.
  private final boolean decideInline;
  private final FailMode failMode;
  private final OutageLog outageLog;
  private final ServiceStats stats;
  // Counters looked up once: a lookup validates the name, too slow for every request.
  private final Counter requests;
  private final Counter notRcpt;
  private final Counter whitelistedClient;
  private final Counter whitelistedRecipient;
  private final Counter storeUnavailable;
  private final Counter errors;
  private final ConcurrentMap<String, Counter> outcomes = new ConcurrentHashMap<>();

  /** Wires the decision, key normalisation, whitelists and the store executor together. */
  public GreylistPolicyHandler(
      Greylist greylist,
      TripletNormaliser normaliser,
      Whitelists whitelists,
      BoundedExecutor executor,
      FailMode failMode,
      Clock clock,
      ServiceStats stats) {
    this.greylist = greylist;
    this.normaliser = normaliser;
    this.whitelists = whitelists;
    this.executor = executor;
    this.decideInline = greylist.answersFromMemory();
    this.failMode = failMode;
    this.outageLog = new OutageLog(clock, failMode);
    this.stats = stats;
    this.requests = stats.counter("requests");
    this.notRcpt = stats.counter("outcome.not_rcpt");
    this.whitelistedClient = stats.counter("outcome.whitelisted_client");
    this.whitelistedRecipient = stats.counter("outcome.whitelisted_recipient");
    this.storeUnavailable = stats.counter("outcome.store_unavailable");
    this.errors = stats.counter("errors");
  }

  @Override
  public CompletionStage<PolicyAction> decide(PolicyRequest request) {
    requests.increment();
    if (!request.protocolState().equalsIgnoreCase("RCPT")) {
      return answered(notRcpt, PolicyAction.dunno());
    }
    if (whitelists.clientMatches(request.clientAddress(), request.clientName())) {
      return answered(whitelistedClient, PolicyAction.dunno());
    }
    if (whitelists.recipientMatches(request.recipient())) {
      return answered(whitelistedRecipient, PolicyAction.dunno());
    }
    Triplet triplet = normaliser.triplet(request);
    String instance = request.instance();
    if (decideInline) {
      PolicyAction action;
      try {
        action = greylist.decide(triplet, instance);
      } catch (StoreUnavailableException e) {
        return CompletableFuture.completedFuture(storeFailed(e));
      } catch (RuntimeException e) {
        errors.increment();
        throw e;
      }
      count(action);
      return CompletableFuture.completedFuture(action);
    }
    return executor
        .submit(() -> greylist.decide(triplet, instance))
        .handle(
            (action, error) -> {
              if (error == null) {
                count(action);
                return action;
              }
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (cause instanceof StoreUnavailableException
                  || cause instanceof ExecutorSaturatedException) {
                return storeFailed(cause);
              }
              errors.increment();
              throw new CompletionException(cause);
            });
  }

  private PolicyAction storeFailed(Throwable cause) {
    outageLog.record(cause, cause instanceof ExecutorSaturatedException);
    storeUnavailable.increment();
    return failModeAction();
  }

  private PolicyAction failModeAction() {
    return failMode == FailMode.DUNNO
        ? PolicyAction.dunno()
        : PolicyAction.deferIfPermit("4.7.1 Greylisting is unavailable, try again later");
  }

  private void count(PolicyAction action) {
    String text = action.action();
    int space = text.indexOf(' ');
    String verb = space < 0 ? text : text.substring(0, space);
    outcomes
        .computeIfAbsent(verb, ignored -> stats.counter("outcome." + verb.toLowerCase(Locale.ROOT)))
        .increment();
  }

  private static CompletionStage<PolicyAction> answered(Counter outcome, PolicyAction action) {
    outcome.increment();
    return CompletableFuture.completedFuture(action);
  }
}
