package org.postern.cli;

import org.postern.common.address.ListenAddress;

/** The {@code stats} config section: where the HTTP stats endpoint listens. */
public record StatsSettings(ListenAddress listen) {

  /** Loopback port 9099, as documented for {@code postern stack}. */
  public static StatsSettings defaults() {
    return new StatsSettings(ListenAddress.parse(StatsCommand.DEFAULT_ADDRESS));
  }
}
