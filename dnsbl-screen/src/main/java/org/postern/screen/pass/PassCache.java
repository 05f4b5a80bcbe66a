package org.postern.screen.pass;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.postern.screen.address.ClientAddress;

/**
 * Remembers clients that passed the tests so they skip them until the pass expires: embedded in
 * memory, or shared by several MX hosts through Redis. Lookups are asynchronous so a shared cache
 * never blocks an event loop; a cache that cannot answer reports a miss, never a listing.
 */
public interface PassCache extends AutoCloseable {
  /** Completes with whether {@code client} passed and the pass has not expired; never fails. */
  CompletionStage<Boolean> passed(ClientAddress client);

  /** Records that {@code client} passed, for {@code ttl}; best effort, never blocks. */
  void pass(ClientAddress client, Duration ttl);

  /** A cache that remembers nothing: every client is tested every time. */
  static PassCache none() {
    return new PassCache() {
      @Override
      public CompletionStage<Boolean> passed(ClientAddress client) {
        return CompletableFuture.completedFuture(false);
      }

      @Override
      public void pass(ClientAddress client, Duration ttl) {}
    };
  }

  /** Releases connections; nothing for an embedded cache. */
  @Override
  default void close() {}
}
