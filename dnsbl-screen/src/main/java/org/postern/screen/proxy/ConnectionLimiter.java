package org.postern.screen.proxy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.postern.screen.address.ClientAddress;

/**
 * Counts the proxy's open client connections, in total and per client address, so an overloaded
 * proxy can answer {@code 421} at once instead of queueing clients.
 */
public final class ConnectionLimiter {

  /** Whether a new connection may proceed. */
  public enum Admission {
    /** Counted; {@link #release(ClientAddress)} must follow when it closes. */
    ADMITTED,
    /** Too many connections in total; not counted. */
    TOO_MANY_TOTAL,
    /** Too many from this address; not counted. */
    TOO_MANY_FROM_CLIENT
  }

  private final int maxTotal;
  private final int maxPerClient;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<ClientAddress, Integer> perClient = new ConcurrentHashMap<>();

  /** Admits at most {@code maxTotal} connections, {@code maxPerClient} from one address. */
  public ConnectionLimiter(int maxTotal, int maxPerClient) {
    this.maxTotal = maxTotal;
    this.maxPerClient = maxPerClient;
  }

  /** Counts a new connection from {@code client} if the limits allow it. */
  public Admission admit(ClientAddress client) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Admission.TOO_MANY_TOTAL;
    }
    boolean[] admitted = {false};
    perClient.compute(
        client,
        (address, count) -> {
          int current = count == null ? 0 : count;
          if (current >= maxPerClient) {
            return count;
          }
          admitted[0] = true;
          return current + 1;
        });
    if (!admitted[0]) {
      total.decrementAndGet();
      return Admission.TOO_MANY_FROM_CLIENT;
    }
    return Admission.ADMITTED;
  }

  /** Uncounts an admitted connection that closed. */
  public void release(ClientAddress client) {
    perClient.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    total.decrementAndGet();
  }

  /** Admitted connections open now. */
  public int active() {
    return total.get();
  }

  /** Admitted connections open now from {@code client}. */
  public int active(ClientAddress client) {
    return perClient.getOrDefault(client, 0);
  }
}
