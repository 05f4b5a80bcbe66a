package org.postern.milter.server;

import java.time.Duration;
import org.postern.milter.session.Stage;

/** A filter did not answer a stage within the configured time. */
public final class StageTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The filter took longer than {@code timeout} to answer {@code stage}. */
  public StageTimeoutException(Stage stage, Duration timeout) {
    super("no answer to " + stage + " within " + timeout.toMillis() + " ms");
  }
}
