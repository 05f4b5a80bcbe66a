package org.postern.bench;

/** How the driver counts one reply. */
enum ReplyOutcome {
  FOUND,
  NOT_FOUND,
  ERROR
}
