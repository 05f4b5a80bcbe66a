package org.postern.sieve.parser;

/** A tagged argument such as {@code :contains}; the name excludes the colon. */
public record TagArgument(String name, Position position) implements Argument {}
