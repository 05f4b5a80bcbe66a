package org.postern.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.postern.common.config.ConfigFile;

/**
 * Configures the SLF4J simple backend: one line per event on stderr with an ISO timestamp, which
 * journald and container log collectors take as is.
 */
final class Logging {
  static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

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

  /**
   * The level for raw arguments: {@code --log-level}, else the {@code logging.level} key of the
   * {@code --config} file, else info. A config file that does not load is left for the command to
   * report.
   */
  static String levelFor(String[] args) {
    for (String arg : args) {
      if (arg.equals("--log-level") || arg.startsWith("--log-level=")) {
        return levelIn(args);
      }
    }
    String config = configIn(args);
    if (config != null) {
      try {
        return ConfigFile.load(Path.of(config)).section("logging", LoggingSettings.class).level();
      } catch (RuntimeException unreadable) {
        return DEFAULT_LEVEL;
      }
    }
    return DEFAULT_LEVEL;
  }

  private static String configIn(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--config=")) {
        return args[i].substring("--config=".length());
      }
    }
    return null;
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
