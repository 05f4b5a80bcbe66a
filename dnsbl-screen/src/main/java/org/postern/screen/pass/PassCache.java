package org.postern.screen.pass;

import java.time.Duration;
import org.postern.screen.address.ClientAddress;

/**
 * Remembers clients that passed the tests so they skip them until the pass expires. Embedded now; a
 * Redis-backed one shared by several MX hosts is planned.
 */
public interface PassCache {
  /** Whether {@code client} passed and the pass has not expired. */
  boolean passed(ClientAddress client);

  /** Records that {@code client} passed, for {@code ttl}. */
  void pass(ClientAddress client, Duration ttl);
}
