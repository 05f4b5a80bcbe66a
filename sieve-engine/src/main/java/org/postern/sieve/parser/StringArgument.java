package org.postern.sieve.parser;

/** A single string, quoted or multi-line, with escapes and dot-stuffing already removed. */
public record StringArgument(String value, Position position) implements Argument {}
