package org.postern.cli;

import org.postern.common.config.InvalidSettingException;

/** The {@code logging} config section: the level when {@code --log-level} is not given. */
public record LoggingSettings(String level) {

  /** Checks the level is one the backend knows. */
  public LoggingSettings {
    if (!Logging.LEVELS.contains(level)) {
      throw new InvalidSettingException(
          "level", "must be one of error, warn, info, debug, trace, not '" + level + "'");
    }
  }

  /** Info, as without a config file. */
  public static LoggingSettings defaults() {
    return new LoggingSettings(Logging.DEFAULT_LEVEL);
  }
}
