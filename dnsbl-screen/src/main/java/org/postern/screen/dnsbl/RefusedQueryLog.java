package org.postern.screen.dnsbl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spamhaus answers {@code 127.255.255.x} when it refuses a query (public resolver, no access, over
 * limit). Those are never listings; this logs them loudly, once per interval per site, since every
 * query to that site is useless until the resolver is fixed.
 */
public final class RefusedQueryLog {
  private static final Logger log = LoggerFactory.getLogger(RefusedQueryLog.class);

  private final Clock clock;
  private final Duration interval;
  private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

  /** Logs at most once per {@code interval} per site, by {@code clock}. */
  public RefusedQueryLog(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /** Whether {@code code} is a Spamhaus error code rather than a listing. */
  public static boolean isRefusal(byte[] code) {
    return (code[0] & 0xff) == 127 && (code[1] & 0xff) == 255 && (code[2] & 0xff) == 255;
  }

  /** Records a refusal from {@code domain}; returns whether it was logged now. */
  public boolean record(String domain, byte[] code) {
    Instant now = clock.instant();
    boolean[] logNow = {false};
    lastLogged.compute(
        domain,
        (key, previous) -> {
          if (previous == null || !now.isBefore(previous.plus(interval))) {
            logNow[0] = true;
            return now;
          }
          return previous;
        });
    if (logNow[0]) {
      log.error(
          "{} refused our queries with 127.255.255.{} (0x{}): its answers are ignored; use a"
              + " resolver of your own, not a public one, or a data feed key",
          domain,
          code[3] & 0xff,
          HexFormat.of().formatHex(code));
    }
    return logNow[0];
  }
}
