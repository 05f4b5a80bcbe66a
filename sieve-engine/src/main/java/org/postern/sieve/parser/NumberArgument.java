package org.postern.sieve.parser;

/** A number with its quantifier applied ({@code 1K} is 1024). */
public record NumberArgument(long value, Position position) implements Argument {}
