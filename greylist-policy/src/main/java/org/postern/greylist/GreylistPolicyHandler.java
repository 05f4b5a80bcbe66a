package org.postern.greylist;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.postern.common.executor.BoundedExecutor;
import org.postern.common.executor.ExecutorSaturatedException;
import org.postern.common.stats.ServiceStats;
import org.postern.policy.PolicyAction;
import org.postern.policy.PolicyHandler;
import org.postern.policy.PolicyRequest;

/**
 * Greylisting as a {@link PolicyHandler}: answers whitelisted and non-RCPT requests on the event
 * loop, and runs the store-backed {@link Greylist} decision on a bounded executor. A store failure
 * or a full queue is answered with the configured {@link FailMode}; any other error fails the
 * stage, so the connection is closed and Postfix applies its default.
 */
public final class GreylistPolicyHandler implements PolicyHandler {
  private final Greylist greylist;
  private final TripletNormaliser normaliser;
  private final Whitelists whitelists;
  private final BoundedExecutor executor;
  private final FailMode failMode;
  private final OutageLog outageLog;
  private final ServiceStats stats;

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
    this.failMode = failMode;
    this.outageLog = new OutageLog(clock, failMode);
    this.stats = stats;
  }

  @Override
  public CompletionStage<PolicyAction> decide(PolicyRequest request) {
    stats.counter("requests").increment();
    if (!request.protocolState().equalsIgnoreCase("RCPT")) {
      return answered("not_rcpt", PolicyAction.dunno());
    }
    if (whitelists.clientMatches(request.clientAddress(), request.clientName())) {
      return answered("whitelisted_client", PolicyAction.dunno());
    }
    if (whitelists.recipientMatches(request.recipient())) {
      return answered("whitelisted_recipient", PolicyAction.dunno());
    }
    Triplet triplet = normaliser.triplet(request);
    String instance = request.instance();
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
                outageLog.record(cause, cause instanceof ExecutorSaturatedException);
                stats.counter("outcome.store_unavailable").increment();
                return failModeAction();
              }
              stats.counter("errors").increment();
              throw new CompletionException(cause);
            });
  }

  private PolicyAction failModeAction() {
    return failMode == FailMode.DUNNO
        ? PolicyAction.dunno()
        : PolicyAction.deferIfPermit("4.7.1 Greylisting is unavailable, try again later");
  }

  private void count(PolicyAction action) {
    String verb = action.action().split(" ", 2)[0].toLowerCase(java.util.Locale.ROOT);
    stats.counter("outcome." + verb).increment();
  }

  private CompletionStage<PolicyAction> answered(String outcome, PolicyAction action) {
    stats.counter("outcome." + outcome).increment();
    return CompletableFuture.completedFuture(action);
  }
}
