package org.postern.sieve.testsuite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postern.sieve.SieveCompiler;
import org.postern.sieve.SieveLimits;
import org.postern.sieve.SieveProgram;
import org.postern.sieve.action.ActionList;
import org.postern.sieve.extensions.EditHeaderSettings;
import org.postern.sieve.extensions.SpamTestSettings;
import org.postern.sieve.extensions.VacationSettings;
import org.postern.sieve.extlists.ExternalLists;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.notify.EnotifyExtension;
import org.postern.sieve.runtime.VacationTracker;

/**
 * The mutable world of one {@code .svtest} run, as Pigeonhole's testsuite keeps it: the shared
 * result, the in-memory mail store, the outgoing SMTP messages, the last compiled script and its
 * errors, the settings, and the tests that failed.
 */
final class TestsuiteState {

  /** A message stored in a mailbox with its flags. */
  record StoredMessage(SieveMessage message, List<String> flags) {}

  /** A message handed to SMTP (redirect, vacation reply, bounce). */
  record SentMessage(String from, String to, SieveMessage message) {}

  /**
   * Pigeonhole's testsuite has no vacation database: every vacation run may reply, so tests do not
   * depend on each other's replies.
   */
  static final VacationTracker NO_VACATION_MEMORY =
      new VacationTracker() {
        @Override
        public boolean recentlyReplied(
            String sender, String handle, java.time.Duration period, java.time.Instant now) {
          return false;
        }

        @Override
        public void recordReply(String sender, String handle, java.time.Instant now) {}
      };

  private final Path directory;
  private final Map<String, List<StoredMessage>> mailboxes = new LinkedHashMap<>();
  private final List<SentMessage> outbox = new ArrayList<>();
  private final Map<String, String> config = new HashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final ActionList result = new ActionList();
  private SieveCompiler compiler;
  private SieveLimits limits = SieveLimits.defaults();
  private volatile SpamTestSettings spamTest;
  private volatile SpamTestSettings virusTest;
  private volatile EditHeaderSettings editHeader = EditHeaderSettings.defaults();
  private volatile int maxNotifications = EnotifyExtension.DEFAULT_MAX_NOTIFICATIONS;
  private volatile String recipientDelimiter;
  private volatile VacationSettings vacation = TestsuiteExtension.vacation(Map.of());
  private volatile ExternalLists externalLists = ExternalLists.none();
  private SieveProgram compiled;
  private List<String> errors = List.of();
  private String currentTest;
  private int tests;
  private String pendingFailure;
  private int executedActions;
  private boolean keepExecuted;
  private List<String> currentMessageFlags = List.of();

  TestsuiteState(Path directory) {
    this.directory = directory;
    mailboxes.put("INBOX", new ArrayList<>());
  }

  Path directory() {
    return directory;
  }

  SieveCompiler compiler() {
    return compiler;
  }

  void compiler(SieveCompiler value) {
    compiler = value;
  }

  /** The editheader settings in force (reloaded by test_config_reload). */
  int maxNotifications() {
    return maxNotifications;
  }

  void maxNotifications(int value) {
    maxNotifications = value;
  }

  EditHeaderSettings editHeader() {
    return editHeader;
  }

  void editHeader(EditHeaderSettings value) {
    editHeader = value;
  }

  /** The vacation settings in force (reloaded by test_config_reload). */
  VacationSettings vacation() {
    return vacation;
  }

  void vacation(VacationSettings value) {
    vacation = value;
  }

  /** Dovecot's recipient_delimiter in force (null: the default), for subaddress. */
  String recipientDelimiter() {
    return recipientDelimiter;
  }

  void recipientDelimiter(String value) {
    recipientDelimiter = value;
  }

  /** The extlists lists in force (reloaded by test_config_reload). */
  ExternalLists externalLists() {
    return externalLists;
  }

  void externalLists(ExternalLists value) {
    externalLists = value;
  }

  /** The spamtest settings in force, or null when not configured. */
  SpamTestSettings spamTest() {
    return spamTest;
  }

  void spamTest(SpamTestSettings value) {
    spamTest = value;
  }

  /** The virustest settings in force, or null when not configured. */
  SpamTestSettings virusTest() {
    return virusTest;
  }

  void virusTest(SpamTestSettings value) {
    virusTest = value;
  }

  SieveLimits limits() {
    return limits;
  }

  void limits(SieveLimits value) {
    limits = value;
  }

  ActionList result() {
    return result;
  }

  /**
   * Forgets the result and the outgoing messages (test_result_reset). The internal flags belong to
   * the result; a new one starts from the flags of the message under test, as in Pigeonhole.
   */
  void resetResult() {
    result.clear();
    result.internalFlags().addAll(currentMessageFlags);
    outbox.clear();
    executedActions = 0;
    keepExecuted = false;
  }

  /** The stored flags of the message under test (none for a new or sent message). */
  void currentMessageFlags(List<String> flags) {
    currentMessageFlags = List.copyOf(flags);
  }

  int executedActions() {
    return executedActions;
  }

  void executedActions(int value) {
    executedActions = value;
  }

  boolean keepExecuted() {
    return keepExecuted;
  }

  void keepExecuted(boolean value) {
    keepExecuted = value;
  }

  SieveProgram compiled() {
    return compiled;
  }

  void compiled(SieveProgram value) {
    compiled = value;
  }

  List<String> errors() {
    return errors;
  }

  void errors(List<String> value) {
    errors = List.copyOf(value);
  }

  Map<String, String> config() {
    return config;
  }

  void createMailbox(String name) {
    mailboxes.computeIfAbsent(canonical(name), k -> new ArrayList<>());
  }

  boolean mailboxExists(String name) {
    return mailboxes.containsKey(canonical(name));
  }

  /**
   * Saves a message; like Dovecot with attachment detection on, the store adds {@code
   * $HasAttachment} or {@code $HasNoAttachment}.
   */
  void store(String mailbox, SieveMessage message, List<String> flags) {
    java.util.Set<String> stored = new java.util.LinkedHashSet<>(flags);
    stored.add(hasAttachment(message) ? "$HasAttachment" : "$HasNoAttachment");
    mailboxes
        .computeIfAbsent(canonical(mailbox), k -> new ArrayList<>())
        .add(new StoredMessage(message, List.copyOf(stored)));
  }

  private static boolean hasAttachment(SieveMessage message) {
    for (String disposition : message.rawHeaders("Content-Disposition")) {
      if (lower(disposition).trim().startsWith("attachment")) {
        return true;
      }
    }
    return lower(String.join(" ", message.rawHeaders("Content-Type"))).contains("multipart/mixed")
        && lower(message.bodyText()).contains("content-disposition: attachment");
  }

  StoredMessage stored(String mailbox, int index) {
    List<StoredMessage> messages = mailboxes.get(canonical(mailbox));
    return messages == null || index < 0 || index >= messages.size() ? null : messages.get(index);
  }

  void send(SentMessage message) {
    outbox.add(message);
  }

  SentMessage sent(int index) {
    return index < 0 || index >= outbox.size() ? null : outbox.get(index);
  }

  /** INBOX, and the INBOX prefix of its children (separator '.'), are case-insensitive. */
  private static String canonical(String mailbox) {
    if (mailbox.equalsIgnoreCase("INBOX")) {
      return "INBOX";
    }
    if (mailbox.length() > 6 && lower(mailbox.substring(0, 6)).equals("inbox.")) {
      return "INBOX" + mailbox.substring(5);
    }
    return mailbox;
  }

  void startTest(String name) {
    currentTest = name;
    tests++;
  }

  void endTest() {
    currentTest = null;
  }

  /** Records a failure of the running test (or of the file outside any test). */
  void fail(String reason) {
    String where = currentTest == null ? "(outside tests)" : "'" + currentTest + "'";
    failures.add(where + ": " + reason);
  }

  void pendingFailure(String reason) {
    pendingFailure = reason;
  }

  String takePendingFailure() {
    String reason = pendingFailure;
    pendingFailure = null;
    return reason;
  }

  List<String> failures() {
    return failures;
  }

  int tests() {
    return tests;
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
