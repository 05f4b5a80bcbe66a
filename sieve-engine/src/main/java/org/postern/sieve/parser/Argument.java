package org.postern.sieve.parser;

/** One argument of a command or test (RFC 5228 section 2.6). */
public sealed interface Argument
    permits StringArgument, StringListArgument, NumberArgument, TagArgument {

  /** Where the argument starts. */
  Position position();
}
