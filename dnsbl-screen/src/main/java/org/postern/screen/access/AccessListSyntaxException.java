package org.postern.screen.access;

/** A line of a cidr_table(5) access list cannot be parsed. */
public final class AccessListSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Names the source (file), the 1-based line number and the problem. */
  public AccessListSyntaxException(String source, int line, String problem) {
    super(source + ":" + line + ": " + problem);
  }
}
