package org.postern.sieve.action;

/** Silently drop the message (only cancels the implicit keep). */
public record DiscardAction() implements SieveAction {}
