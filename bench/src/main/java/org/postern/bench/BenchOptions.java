package org.postern.bench;

import java.time.Duration;
import java.util.Objects;
import org.postern.common.address.ListenAddress;

/**
 * What a load run does.
 *
 * @param protocol the protocol to speak
 * @param target where the server listens, in Postfix notation
 * @param connections persistent connections, each sending requests back to back
 * @param pipelineDepth requests outstanding per connection (1: wait for each reply)
 * @param warmUp time before measuring starts, for JIT and connection set-up
 * @param duration measured time
 * @param map the socketmap map name; ignored by tcp_table, where the port selects the table
 * @param clients screen: distinct client addresses used in turn; 0 for a new one per request
 * @param threads the driver's I/O threads; 0 for one per connection up to one per processor
 */
public record BenchOptions(
    BenchProtocol protocol,
    ListenAddress target,
    int connections,
    int pipelineDepth,
    Duration warmUp,
    Duration duration,
    String map,
    int clients,
    int threads) {

  /** Default socketmap map. */
  public static final String DEFAULT_MAP = "forward";

  /** Checks the values. */
  public BenchOptions {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(warmUp, "warmUp");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(map, "map");
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, got " + connections);
    }
    if (pipelineDepth < 1) {
      throw new IllegalArgumentException("pipeline depth must be at least 1, got " + pipelineDepth);
    }
    if (warmUp.isNegative()) {
      throw new IllegalArgumentException("warm-up must not be negative: " + warmUp);
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("duration must be positive: " + duration);
    }
    if (map.isEmpty() || map.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("map name must be a non-empty word: '" + map + "'");
    }
    if (clients < 0) {
      throw new IllegalArgumentException("clients must not be negative, got " + clients);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative, got " + threads);
    }
  }

  /** The driver's I/O threads: as given, or one per connection up to one per processor. */
  public int driverThreads() {
    return threads > 0
        ? threads
        : Math.min(connections, Runtime.getRuntime().availableProcessors());
  }

  /** A run with a new client address per request, on the default number of driver threads. */
  public BenchOptions(
      BenchProtocol protocol,
      ListenAddress target,
      int connections,
      int pipelineDepth,
      Duration warmUp,
      Duration duration,
      String map) {
    this(protocol, target, connections, pipelineDepth, warmUp, duration, map, 0, 0);
  }

  /** A run with one outstanding request per connection, a 1-second warm-up and map forward. */
  public static BenchOptions of(
      BenchProtocol protocol, ListenAddress target, int connections, Duration duration) {
    return new BenchOptions(
        protocol, target, connections, 1, Duration.ofSeconds(1), duration, DEFAULT_MAP);
  }
}
