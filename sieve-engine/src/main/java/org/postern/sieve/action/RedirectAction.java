package org.postern.sieve.action;

/** Forward the message unchanged to {@code address}. */
public record RedirectAction(String address) implements SieveAction {}
