package org.postern.screen.pass;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postern.screen.address.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PassCache} in Redis, shared by several MX hosts. Each pass is a key with a TTL, so Redis
 * expires it. Connects asynchronously and lazily, reconnects on its own; while Redis is unreachable
 * every lookup is a miss (the client is tested again) and nothing is remembered. The outage is
 * logged at most once a minute.
 */
public final class RedisPassCache implements PassCache {
  private static final Logger log = LoggerFactory.getLogger(RedisPassCache.class);
  private static final String PREFIX = "postern:screen:pass:";
  private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long RECONNECT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final RedisURI uri;
  private final RedisClient client;
  private final String prefix;
  private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private CompletableFuture<StatefulRedisConnection<String, String>> connection; // guarded by this
  private long connectFailedAt; // guarded by this

  /**
   * Passes of one {@code kind} (e.g. {@code dnsbl}, {@code greet}) in the Redis at {@code uri}
   * ({@code redis://host:port}); each command waits at most {@code timeout}.
   */
  public RedisPassCache(String uri, String kind, Duration timeout) {
    this.uri = RedisURI.create(uri);
    // The URI's timeout bounds the connection handshake too: a short command timeout there would
    // drop fresh connections on a busy host. Commands get theirs from TimeoutOptions below.
    this.uri.setTimeout(CONNECT_TIMEOUT);
    this.prefix = PREFIX + kind + ":";
    this.client = RedisClient.create(this.uri);
    this.client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
  }

  @Override
  public CompletionStage<Boolean> passed(ClientAddress client) {
    CompletableFuture<StatefulRedisConnection<String, String>> current = connection();
    if (current == null) {
      return CompletableFuture.completedFuture(false);
    }
    return current
        .thenCompose(redis -> redis.async().exists(key(client)).toCompletableFuture())
        .handle(
            (count, error) -> {
              if (error != null) {
                outage(error);
                return false;
              }
              return count != null && count > 0;
            });
  }

  @Override
  public void pass(ClientAddress client, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      return;
    }
    CompletableFuture<StatefulRedisConnection<String, String>> current = connection();
    if (current == null) {
      return;
    }
    current
        .thenCompose(
            redis ->
                redis
                    .async()
                    .set(key(client), "1", SetArgs.Builder.px(Math.max(1, ttl.toMillis())))
                    .toCompletableFuture())
        .whenComplete(
            (reply, error) -> {
              if (error != null) {
                outage(error);
              }
            });
  }

  private String key(ClientAddress client) {
    return prefix + client;
  }

  /** The connection, connecting when there is none; null shortly after a failed connect. */
  private synchronized CompletableFuture<StatefulRedisConnection<String, String>> connection() {
    if (connection != null && connection.isCompletedExceptionally()) {
      connection = null;
      connectFailedAt = System.nanoTime();
    }
    if (connection == null) {
      if (System.nanoTime() - connectFailedAt < RECONNECT_NANOS) {
        return null;
      }
      connection = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
    }
    return connection;
  }

  private void outage(Throwable error) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
      log.warn(
          "pass cache redis://{}:{} unavailable, clients are tested again: {}",
          uri.getHost(),
          uri.getPort(),
          error.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null && connection.isDone() && !connection.isCompletedExceptionally()) {
      connection.join().close();
    }
    client.shutdown();
  }
}
