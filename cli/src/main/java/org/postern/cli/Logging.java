package org.postern.cli;

import java.util.Locale;
import java.util.Set;

/**
 * Configures the SLF4J simple backend: one line per event on stderr with an ISO timestamp, which
 * journald and container log collectors take as is.
 */
final class Logging {
  private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

  private Logging() {}

  /** Sets the level; must run before the first logger is created. */
  static void configure(String level) throws UsageException {
    String normalized = level.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(normalized)) {
      throw new UsageException(
          "--log-level must be one of error, warn, info, debug, trace, not '" + level + "'");
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", normalized);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
    // Netty's own chatter at info is noise for operators.
    System.setProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
  }
}
