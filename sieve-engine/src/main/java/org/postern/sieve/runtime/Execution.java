package org.postern.sieve.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postern.sieve.SieveLimits;
import org.postern.sieve.action.ActionConflictException;
import org.postern.sieve.action.ActionList;
import org.postern.sieve.match.LowerCasedValues;
import org.postern.sieve.match.MatchCaptures;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.message.EnvelopePath;
import org.postern.sieve.message.SieveMessage;

/**
 * The mutable state of one run: input, collected actions, variables, IMAP flags and the run-time
 * budget. Created per run, never shared between threads.
 */
public final class Execution {

  private SieveRunInput input;
  private final SieveLimits limits;
  private final ActionList actions;
  private Variables variables;
  private final Set<String> included = new java.util.HashSet<>();
  private boolean returning;
  private String pendingBreak;
  private SieveMessage mimeSource;
  private org.postern.sieve.mime.MimePart mimeRoot;
  private org.postern.sieve.mime.MimePart currentPart;
  private int partLoopDepth;
  private final java.util.Map<String, java.time.Instant> pendingDuplicates =
      new java.util.LinkedHashMap<>();
  private final long deadline;
  private final boolean capturing;
  private final List<String> log = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private int includeDepth;
  private LowerCasedValues lowerCasedValues;
  private Map<String, List<String>> addressLists;
  private Map<String, Optional<String>> envelopeAddresses;

  /** Starts a run over {@code input} under {@code limits}. */
  public Execution(SieveRunInput input, SieveLimits limits, boolean capturing) {
    this(input, limits, capturing, new ActionList());
  }

  /**
   * Starts a run that records into an existing action list, as when several scripts contribute to
   * one delivery's result: the run reads the message as edited by the earlier scripts and shares
   * their internal IMAP flags.
   */
  public Execution(SieveRunInput input, SieveLimits limits, boolean capturing, ActionList actions) {
    SieveMessage edited = actions.editedMessage();
    this.input = edited == null ? input : input.with(edited, input.envelope());
    this.actions = actions;
    this.limits = limits;
    this.variables = new Variables(limits.maxVariableSize(), limits.maxVariableCount());
    this.deadline = System.nanoTime() + limits.maxRunTime().toNanos();
    this.capturing = capturing;
  }

  /** What the run reads. */
  public SieveRunInput input() {
    return input;
  }

  /** Replaces what the run reads from here on (an edited message, a harness's new message). */
  public void replaceInput(SieveRunInput replacement) {
    this.input = replacement;
  }

  /**
   * Continues with an edited message (editheader): later tests read it and later actions apply to
   * it.
   */
  public void editMessage(SieveMessage edited) {
    actions.messageEdited(input.message(), edited);
    input = input.with(edited, input.envelope());
  }

  /** The message under test. */
  public SieveMessage message() {
    return input.message();
  }

  /** The limits of this run. */
  public SieveLimits limits() {
    return limits;
  }

  /** The actions recorded so far. */
  public ActionList actions() {
    return actions;
  }

  /** The run's variables. */
  public Variables variables() {
    return variables;
  }

  /** The internal IMAP flags variable of RFC 5232, in insertion order (kept by the result). */
  public Set<String> flags() {
    return actions.internalFlags();
  }

  /**
   * Records an error the run survives (Pigeonhole's non-fatal run-time errors, such as an invalid
   * regex built from variables): it is logged and reported in the result, and the run goes on.
   */
  public void reportError(String message) {
    errors.add(message);
  }

  /** The errors the run survived so far, in order. */
  public List<String> errors() {
    return errors;
  }

  /** Notes for the log line of the run (e.g. a suppressed duplicate redirect). */
  public List<String> log() {
    return log;
  }

  /**
   * The addr-specs of an address header value ({@link Addresses#parseList}), kept for the run:
   * scripts test the same From and To fields several times.
   */
  public List<String> addresses(String headerValue) {
    if (addressLists == null) {
      addressLists = new HashMap<>();
    }
    List<String> addresses = addressLists.get(headerValue);
    if (addresses == null) {
      addresses = List.copyOf(Addresses.parseList(headerValue));
      addressLists.put(headerValue, addresses);
    }
    return addresses;
  }

  /**
   * The address of an envelope path as {@link EnvelopePath#parse} reads it, kept for the run: each
   * envelope test would read the same path again.
   */
  public Optional<String> envelopeAddress(String path) {
    if (envelopeAddresses == null) {
      envelopeAddresses = new HashMap<>();
    }
    Optional<String> address = envelopeAddresses.get(path);
    if (address == null) {
      address = EnvelopePath.parse(path);
      envelopeAddresses.put(path, address);
    }
    return address;
  }

  /** The last tested values, lower-cased, kept for the next test of the run. */
  public LowerCasedValues lowerCasedValues() {
    if (lowerCasedValues == null) {
      lowerCasedValues = new LowerCasedValues();
    }
    return lowerCasedValues;
  }

  /** Where :matches/:regex captures go: the variables when the script uses them. */
  public MatchCaptures captures() {
    return capturing ? variables::setMatches : MatchCaptures.NONE;
  }

  // Commands started so far; the run-time budget is checked on every 16th.
  private int budgetChecks;

  /** When the run's time is up, as {@link System#nanoTime()}. */
  public long deadline() {
    return deadline;
  }

  /** Ends the run when its time is up; called between commands. */
  public void checkBudget() throws SieveRuntimeException {
    // Reading the clock costs about as much as a simple test: look every 16 commands.
    if ((budgetChecks++ & 15) != 0) {
      return;
    }
    if (System.nanoTime() - deadline > 0) {
      throw new SieveRuntimeException(
          "run time limit of " + limits.maxRunTime().toMillis() + " ms exceeded");
    }
  }

  /** Checks the action limit after an action was recorded. */
  public void checkActionLimit() throws SieveRuntimeException {
    if (actions.count() > limits.maxActions()) {
      // Worded as Pigeonhole's message, which users and its test suite know.
      throw new SieveRuntimeException(
          "too many actions: total number of actions exceeds policy limit ("
              + actions.count()
              + " > "
              + limits.maxActions()
              + ")");
    }
    if (actions.redirects() > limits.maxRedirects()) {
      throw new SieveRuntimeException(
          "too many redirects: number of redirect actions exceeds policy limit ("
              + actions.redirects()
              + " > "
              + limits.maxRedirects()
              + ")");
    }
  }

  /** Enters an included script; fails when nested deeper than the limit. */
  public void enterInclude() throws SieveRuntimeException {
    if (++includeDepth > limits.maxIncludeDepth()) {
      throw new SieveRuntimeException(
          "include nested deeper than the limit of " + limits.maxIncludeDepth());
    }
  }

  /** Leaves an included script. */
  public void leaveInclude() {
    includeDepth--;
  }

  /**
   * Records that the script identified by {@code key} is included; returns whether it was already
   * included in this run (for include :once).
   */
  public boolean markIncluded(String key) {
    return !included.add(key);
  }

  /** Runs {@code block} as an included script: own local variables, shared globals. */
  public boolean runIncluded(ExecutableCommand block) throws SieveRuntimeException {
    enterInclude();
    Variables outer = variables;
    variables = outer.includedScope();
    try {
      boolean continuing = block.execute(this);
      if (!continuing && returning) {
        returning = false;
        return true;
      }
      return continuing;
    } finally {
      variables = outer;
      leaveInclude();
    }
  }

  /**
   * Notes a duplicate-test ID to record when the run succeeds (RFC 7352 section 3: IDs of runs that
   * fail are not remembered, so the message is not lost as a duplicate on retry).
   */
  public void trackDuplicate(String id, java.time.Instant expiry) {
    pendingDuplicates.put(id, expiry);
  }

  /** Whether this run already noted {@code id}. */
  public boolean duplicateNoted(String id) {
    return pendingDuplicates.containsKey(id);
  }

  /** Hands the noted duplicate IDs to the tracker; called once the run succeeded. */
  public void commitDuplicates() {
    pendingDuplicates.forEach(input.duplicates()::record);
    pendingDuplicates.clear();
  }

  /** The MIME part tree of the current message, parsed once per message version. */
  public org.postern.sieve.mime.MimePart mimeRoot() {
    if (mimeSource != input.message()) {
      mimeRoot = org.postern.sieve.mime.MimeParser.parse(input.message());
      mimeSource = input.message();
      currentPart = null;
    }
    return mimeRoot;
  }

  /** The part foreverypart is at, or the whole message outside any loop. */
  public org.postern.sieve.mime.MimePart currentPart() {
    org.postern.sieve.mime.MimePart root = mimeRoot();
    return currentPart != null ? currentPart : root;
  }

  /** Moves foreverypart to {@code part} ({@code null}: back to the whole message). */
  public void currentPart(org.postern.sieve.mime.MimePart part) {
    mimeRoot();
    currentPart = part;
  }

  /**
   * Enters a foreverypart loop; returns how many loops are now running (included scripts add to
   * their includer's), for the nesting limit at run time.
   */
  public int enterPartLoop() {
    return ++partLoopDepth;
  }

  /** Leaves the loop entered by {@link #enterPartLoop()}. */
  public void leavePartLoop() {
    partLoopDepth--;
  }

  /** Whether a foreverypart loop is running. */
  public boolean inPartLoop() {
    return currentPart != null;
  }

  /**
   * Leaves the innermost foreverypart, or the one named {@code name} (RFC 5703 break); returns
   * false so enclosing blocks stop.
   */
  public boolean breakLoop(String name) {
    pendingBreak = name == null ? "" : name;
    return false;
  }

  /** Whether a break ends the loop named {@code name}; clears the break if so. */
  public boolean takeBreak(String name) {
    if (pendingBreak != null && (pendingBreak.isEmpty() || pendingBreak.equals(name))) {
      pendingBreak = null;
      return true;
    }
    return false;
  }

  /** Ends the current script as {@code return} does (RFC 6609): the includer continues. */
  public boolean returnFromScript() {
    returning = true;
    return false;
  }

  /** Turns an action conflict into a run-time error. */
  public static SieveRuntimeException conflict(ActionConflictException e) {
    return new SieveRuntimeException(e.getMessage());
  }
}
