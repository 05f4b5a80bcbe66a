package org.postern.sieve.runtime;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/**
 * Everything a run reads: the message, its envelope, environment items (RFC 5183: {@code domain},
 * {@code host}...), the recipient's own addresses (for vacation), the vacation tracker, the clock,
 * the recipient's mailboxes (for mailboxexists) and the duplicate tracker (RFC 7352).
 */
public record SieveRunInput(
    SieveMessage message,
    SieveEnvelope envelope,
    Map<String, String> environment,
    Set<String> ownAddresses,
    VacationTracker vacationTracker,
    Clock clock,
    MailboxDirectory mailboxes,
    DuplicateTracker duplicates) {

  /** Copies the collections so the input stays immutable. */
  public SieveRunInput {
    environment = Map.copyOf(environment);
    ownAddresses = Set.copyOf(ownAddresses);
  }

  /** Input whose duplicate tracker lives only as long as this input (one-shot runs). */
  public SieveRunInput(
      SieveMessage message,
      SieveEnvelope envelope,
      Map<String, String> environment,
      Set<String> ownAddresses,
      VacationTracker vacationTracker,
      Clock clock,
      MailboxDirectory mailboxes) {
    this(
        message,
        envelope,
        environment,
        ownAddresses,
        vacationTracker,
        clock,
        mailboxes,
        new InMemoryDuplicateTracker());
  }

  /** Input whose mailbox directory knows only INBOX. */
  public SieveRunInput(
      SieveMessage message,
      SieveEnvelope envelope,
      Map<String, String> environment,
      Set<String> ownAddresses,
      VacationTracker vacationTracker,
      Clock clock) {
    this(
        message,
        envelope,
        environment,
        ownAddresses,
        vacationTracker,
        clock,
        MailboxDirectory.INBOX_ONLY);
  }

  /** A copy reading {@code replacement} and {@code newEnvelope} instead. */
  public SieveRunInput with(SieveMessage replacement, SieveEnvelope newEnvelope) {
    return new SieveRunInput(
        replacement,
        newEnvelope,
        environment,
        ownAddresses,
        vacationTracker,
        clock,
        mailboxes,
        duplicates);
  }

  /** Input with no environment, no extra own addresses, an in-memory tracker, the UTC clock. */
  public static SieveRunInput of(SieveMessage message, SieveEnvelope envelope) {
    return new SieveRunInput(
        message, envelope, Map.of(), Set.of(), new InMemoryVacationTracker(), Clock.systemUTC());
  }
}
