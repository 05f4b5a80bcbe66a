package org.postern.sieve.action;

/**
 * Refuse the message with {@code reason}; {@code extended} is {@code ereject}, which prefers an
 * SMTP-level refusal over a bounce (RFC 5429).
 */
public record RejectAction(String reason, boolean extended) implements SieveAction {}
