package org.postern.bench;

/** Where a load run is; connections read it on every reply. */
enum RunPhase {
  WARMING_UP,
  MEASURING,
  STOPPED
}
