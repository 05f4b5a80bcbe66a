package org.postern.testing;

/**
 * How a swaks run ended.
 *
 * @param exitCode swaks's exit code: 0 delivered, 23-29 for a refusal at a given SMTP stage
 * @param output the whole transcript (stdout and stderr), for assertions and failure messages
 */
public record SwaksResult(int exitCode, String output) {

  /** Whether swaks reported that the server accepted the message. */
  public boolean succeeded() {
    return exitCode == 0;
  }
}
