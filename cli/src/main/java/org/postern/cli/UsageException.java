package org.postern.cli;

/** A command line that cannot be run as typed; Main prints the message and exits 2. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
