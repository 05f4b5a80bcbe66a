package org.postern.greylist;

/** A whitelist file has a line that is not a valid entry; names the file and line. */
public final class WhitelistSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  /** Names the file (or resource), the 1-based line number and the problem. */
  public WhitelistSyntaxException(String source, int line, String problem) {
    super(source + ":" + line + ": " + problem);
    this.source = source;
    this.line = line;
  }

  /** The file or resource name. */
  public String source() {
    return source;
  }

  /** The 1-based line number. */
  public int line() {
    return line;
  }
}
