package org.postern.sieve.parser;

/**
 * A number with its quantifier applied ({@code 1K} is 1024). Sieve numbers go up to 2^64-1, so
 * {@code value} is unsigned: compare with {@link Long#compareUnsigned}.
 */
public record NumberArgument(long value, Position position) implements Argument {}
