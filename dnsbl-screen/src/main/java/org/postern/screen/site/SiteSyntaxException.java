package org.postern.screen.site;

/** A DNSBL site specification does not follow postscreen's {@code domain=filter*weight} syntax. */
public final class SiteSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The site text as written, the character position at fault (0-based) and the problem. */
  public SiteSyntaxException(String site, int position, String problem) {
    super("bad DNSBL site '" + site + "' at character " + (position + 1) + ": " + problem);
  }
}
