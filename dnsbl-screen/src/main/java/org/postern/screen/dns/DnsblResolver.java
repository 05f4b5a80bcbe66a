package org.postern.screen.dns;

import java.util.concurrent.CompletableFuture;

/**
 * Looks up the A records of a DNSBL query name asynchronously. A failed future carries a {@link
 * DnsLookupException}; callers must not block on the future from an event loop.
 */
@FunctionalInterface
public interface DnsblResolver {
  /** The A records of {@code name} (fully qualified, without trailing dot). */
  CompletableFuture<DnsAnswer> lookup(String name);
}
