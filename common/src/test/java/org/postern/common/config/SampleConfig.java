package org.postern.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.postern.common.address.ListenAddress;

/** A config record using every supported value kind, for the binding tests. */
public record SampleConfig(
    ListenAddress listen,
    String domain,
    int hashLength,
    boolean enabled,
    Mode mode,
    Duration maxAge,
    ByteSize maxSize,
    List<String> peers,
    Path secrets,
    Limits limits) {

  /** What to answer when the store is down. */
  public enum Mode {
    DUNNO,
    DEFER_IF_PERMIT
  }

  /** A nested record with its own validation. */
  public record Limits(int connections, Duration timeout) {
    /** Rejects non-positive connection limits with a plain IllegalArgumentException. */
    public Limits {
      if (connections <= 0) {
        throw new IllegalArgumentException("connections must be positive, got " + connections);
      }
    }
  }

  /** Validates hash-length naming the key. */
  public SampleConfig {
    if (hashLength < 4) {
      throw new InvalidSettingException("hash-length", "must be at least 4, got " + hashLength);
    }
    peers = List.copyOf(peers);
  }

  /** The defaults used for absent keys. */
  public static SampleConfig defaults() {
    return new SampleConfig(
        ListenAddress.parse("inet:127.0.0.1:10003"),
        "localhost",
        4,
        true,
        Mode.DUNNO,
        Duration.ofDays(21),
        ByteSize.parse("64KiB"),
        List.of(),
        null,
        new Limits(100, Duration.ofSeconds(30)));
  }
}
