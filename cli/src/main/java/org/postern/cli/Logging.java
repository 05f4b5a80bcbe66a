package org.postern.cli;

import java.util.Locale;
import java.util.Set;

/**
 * Configures the SLF4J simple backend: one line per event on stderr with an ISO timestamp, which
 * journald and container log collectors take as is.
 */
final class Logging {
  private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

  /** The level when {@code --log-level} is not given. */
  static final String DEFAULT_LEVEL = "info";

  private Logging() {}

  /** The {@code --log-level} value in raw arguments, or the default when absent or invalid. */
  static String levelIn(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String value = null;
      if (args[i].equals("--log-level") && i + 1 < args.length) {
        value = args[i + 1];
      } else if (args[i].startsWith("--log-level=")) {
        value = args[i].substring("--log-level=".length());
      }
      if (value != null && LEVELS.contains(value.toLowerCase(Locale.ROOT))) {
        return value.toLowerCase(Locale.ROOT);
      }
    }
    return DEFAULT_LEVEL;
  }

  /** Rejects a level the backend does not know, as a usage error. */
  static void validate(String level) throws UsageException {
    if (!LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
      throw new UsageException(
          "--log-level must be one of error, warn, info, debug, trace, not '" + level + "'");
    }
  }

  /** Sets the backend's format and level; must run before the first logger is created. */
  static void configure(String level) {
    String normalized = level.toLowerCase(Locale.ROOT);
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
