package org.postern.screen.dns;

import java.util.concurrent.CompletableFuture;

/**
 * Looks up the A records of a DNSBL query name asynchronously. A failed future carries a {@link
 * DnsLookupException}; callers must not block on the future from an event loop. Closing releases
 * what the resolver holds (sockets, threads); lookups after that fail.
 */
@FunctionalInterface
public interface DnsblResolver extends AutoCloseable {
  /** The A records of {@code name} (fully qualified, without trailing dot). */
  CompletableFuture<DnsAnswer> lookup(String name);

  /** Releases the resolver's sockets and threads, if any; wrappers close what they wrap. */
  @Override
  default void close() {}
}
