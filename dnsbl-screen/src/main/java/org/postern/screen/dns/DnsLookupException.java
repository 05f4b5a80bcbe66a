package org.postern.screen.dns;

/**
 * A DNS query got no usable answer (timeout, SERVFAIL, REFUSED, network error): a temporary
 * condition, never cached and never taken as "not listed".
 */
public class DnsLookupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Names the query and the reason. */
  public DnsLookupException(String message) {
    super(message);
  }

  /** Names the query and keeps the cause. */
  public DnsLookupException(String message, Throwable cause) {
    super(message, cause);
  }
}
