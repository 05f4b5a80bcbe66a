package org.postern.milter.client;

import java.time.Duration;

/** The milter did not answer a step within its timeout; the connection was closed. */
public final class MilterTimeoutException extends MilterClientException {
  private static final long serialVersionUID = 1L;

  private final ClientStep step;
  private final Duration timeout;

  /** No reply to {@code step} within {@code timeout}. */
  public MilterTimeoutException(ClientStep step, Duration timeout) {
    super("the milter did not answer " + step + " within " + timeout.toMillis() + " ms");
    this.step = step;
    this.timeout = timeout;
  }

  /** The step whose reply did not come. */
  public ClientStep step() {
    return step;
  }

  /** The timeout that ran out. */
  public Duration timeout() {
    return timeout;
  }
}
