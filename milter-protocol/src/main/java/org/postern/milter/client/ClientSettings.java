package org.postern.milter.client;

import java.time.Duration;
import java.util.Map;

/** What a factory hands each client: the offer and the timeouts per step. */
record ClientSettings(
    int offeredActions,
    int offeredProtocol,
    Map<ClientStep, Duration> timeouts,
    int maxFrameLength) {

  ClientSettings {
    timeouts = Map.copyOf(timeouts);
  }

  Duration timeout(ClientStep step) {
    return timeouts.get(step);
  }
}
