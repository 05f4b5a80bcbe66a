package org.postern.sieve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postern.sieve.action.ActionList;
import org.postern.sieve.action.SieveAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.match.MatchBudget;
import org.postern.sieve.match.MatchTimeoutException;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.Block;
import org.postern.sieve.runtime.Execution;
import org.postern.sieve.runtime.SieveRunInput;
import org.postern.sieve.runtime.SieveRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled script: immutable, thread-safe, run any number of times concurrently. A run never
 * throws for script reasons: errors and run-time limits end in the implicit keep.
 */
public final class SieveProgram {

  private static final Logger LOG = LoggerFactory.getLogger(SieveProgram.class);

  private final Block body;
  private final Set<String> extensions;
  private final SieveLimits limits;

  private final java.util.List<SieveDiagnostic> warnings;

  SieveProgram(
      Block body,
      Set<String> extensions,
      SieveLimits limits,
      java.util.List<SieveDiagnostic> warnings) {
    this.body = body;
    this.extensions = Set.copyOf(extensions);
    this.limits = limits;
    this.warnings = java.util.List.copyOf(warnings);
  }

  /** The warnings compiling the script gave (such as control characters in a header value). */
  public java.util.List<SieveDiagnostic> warnings() {
    return warnings;
  }

  /** The extensions the script requires. */
  public Set<String> extensions() {
    return extensions;
  }

  /** Runs the script for a message and envelope with default input. */
  public SieveResult run(SieveMessage message, SieveEnvelope envelope) {
    return run(SieveRunInput.of(message, envelope));
  }

  /** Runs the script; the result always says what to do with the message. */
  public SieveResult run(SieveRunInput input) {
    return run(input, new ActionList());
  }

  /**
   * Runs the script recording into {@code actions}, which may already hold actions of earlier
   * scripts of the same delivery; the returned result includes them.
   */
  public SieveResult run(SieveRunInput input, ActionList actions) {
    Execution execution = new Execution(input, limits, extensions.contains("variables"), actions);
    Long outerDeadline = MatchBudget.start(execution.deadline());
    try {
      body.execute(execution);
      execution.checkActionLimit();
      execution.commitDuplicates();
      for (String note : execution.log()) {
        LOG.debug("sieve: {}", note);
      }
      for (String error : execution.errors()) {
        LOG.info("sieve: run-time error, run continued: {}", error);
      }
      ActionList recorded = execution.actions();
      List<SieveAction> finished = recorded.finish(new ArrayList<>(execution.flags()));
      Map<Integer, SieveMessage> edited = new HashMap<>();
      int count = recorded.recorded().size();
      for (int i = 0; i < finished.size(); i++) {
        SieveMessage message = i < count ? recorded.messageFor(i) : recorded.editedMessage();
        if (message != null) {
          edited.put(i, message);
        }
      }
      return new SieveResult(finished, Optional.empty(), edited, execution.errors());
    } catch (SieveRuntimeException | MatchTimeoutException e) {
      for (String error : execution.errors()) {
        LOG.info("sieve: run-time error: {}", error);
      }
      LOG.info("sieve: run failed, falling back to implicit keep: {}", e.getMessage());
      List<SieveAction> keep = List.of(new StoreAction("INBOX", List.of(), true));
      return new SieveResult(keep, Optional.of(e.getMessage()), Map.of(), execution.errors());
    } catch (StackOverflowError e) {
      LOG.warn("sieve: run exhausted the stack, falling back to implicit keep");
      List<SieveAction> keep = List.of(new StoreAction("INBOX", List.of(), true));
      return new SieveResult(keep, Optional.of("script too deeply nested to run"));
    } finally {
      MatchBudget.restore(outerDeadline);
    }
  }
}
