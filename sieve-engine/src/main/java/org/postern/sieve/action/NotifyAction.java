package org.postern.sieve.action;

import java.util.List;

/**
 * Send a notification (RFC 5435) through {@code method} (a URI such as {@code mailto:...}); the
 * caller sends it. {@code from} and {@code message} are {@code null} when not given; importance is
 * "1" (high), "2" (normal, the default) or "3" (low).
 */
public record NotifyAction(
    String method, String from, String importance, List<String> options, String message)
    implements SieveAction {

  /** Copies the options. */
  public NotifyAction {
    options = List.copyOf(options);
  }
}
