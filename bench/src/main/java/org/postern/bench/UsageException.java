package org.postern.bench;

/** A command line that cannot be run; the message names the bad option. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
