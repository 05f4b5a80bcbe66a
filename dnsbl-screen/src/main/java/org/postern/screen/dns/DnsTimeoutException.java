package org.postern.screen.dns;

/** A DNS query was not answered within its timeout. */
public final class DnsTimeoutException extends DnsLookupException {
  private static final long serialVersionUID = 1L;

  /** Names the query. */
  public DnsTimeoutException(String message) {
    super(message);
  }
}
