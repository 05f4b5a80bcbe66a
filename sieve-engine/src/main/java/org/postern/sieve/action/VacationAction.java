package org.postern.sieve.action;

import java.time.Duration;

/**
 * Send an auto-reply (RFC 5230) to {@code recipient}; the caller composes and sends it, and records
 * it under {@code handle} for {@code period}.
 */
public record VacationAction(
    String recipient,
    String from,
    String subject,
    String reason,
    boolean mime,
    String handle,
    Duration period)
    implements SieveAction {}
