package org.postern.greylist;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * State shared by several MX hosts in one Redis. Every key carries a TTL of the maximum age, so
 * Redis expires entries itself. Connects lazily and reconnects on its own; while Redis is
 * unreachable every call fails at once with {@link StoreUnavailableException} instead of queueing.
 */
public final class RedisGreylistStore implements GreylistStore {
  private static final String TRIPLET_PREFIX = "postern:greylist:triplet:";
  private static final String CLIENT_PREFIX = "postern:greylist:client:";

  private final RedisURI uri;
  private final RedisClient client;
  private final long ttlSeconds;
  private StatefulRedisConnection<String, String> connection; // guarded by this

  /**
   * A store at {@code uri} ({@code redis://host:port}) whose keys live {@code maxAge}; each command
   * waits at most {@code timeout}.
   */
  public RedisGreylistStore(String uri, Duration maxAge, Duration timeout) {
    this.uri = RedisURI.create(uri);
    this.uri.setTimeout(timeout);
    this.ttlSeconds = Math.max(1, maxAge.toSeconds());
    this.client = RedisClient.create(this.uri);
    this.client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
  }

  @Override
  public Optional<TripletEntry> triplet(String key) {
    return guarded(() -> Optional.ofNullable(commands().get(TRIPLET_PREFIX + key)))
        .map(TripletEntry::decode);
  }

  @Override
  public void putTriplet(String key, TripletEntry entry) {
    guarded(
        () -> commands().set(TRIPLET_PREFIX + key, entry.encode(), SetArgs.Builder.ex(ttlSeconds)));
  }

  @Override
  public Optional<ClientEntry> client(String network) {
    return guarded(() -> Optional.ofNullable(commands().get(CLIENT_PREFIX + network)))
        .map(ClientEntry::decode);
  }

  @Override
  public void putClient(String network, ClientEntry entry) {
    guarded(
        () ->
            commands()
                .set(CLIENT_PREFIX + network, entry.encode(), SetArgs.Builder.ex(ttlSeconds)));
  }

  /** Redis expires keys by their TTL; nothing to sweep. */
  @Override
  public int expire(long cutoff, int maxEntries) {
    return 0;
  }

  @Override
  public String describe() {
    return "redis://" + uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown();
  }

  private synchronized RedisCommands<String, String> commands() {
    if (connection == null) {
      connection = client.connect();
    }
    return connection.sync();
  }

  private <T> T guarded(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RedisException e) {
      throw new StoreUnavailableException("redis " + describe() + ": " + e.getMessage(), e);
    }
  }
}
