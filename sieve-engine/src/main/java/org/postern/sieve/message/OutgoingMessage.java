package org.postern.sieve.message;

/**
 * A message the engine composed for the caller to send (a notification, for instance), with its
 * SMTP envelope: one recipient per message, so each delivery succeeds or fails on its own.
 *
 * @param envelopeSender the MAIL FROM address; empty for the null sender {@code <>}
 * @param recipient the RCPT TO address
 * @param message the message to send, header and body
 */
public record OutgoingMessage(String envelopeSender, String recipient, SieveMessage message) {}
