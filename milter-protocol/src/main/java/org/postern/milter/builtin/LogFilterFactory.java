package org.postern.milter.builtin;

import java.util.Optional;
import org.postern.milter.filter.MilterFilter;
import org.postern.milter.filter.MilterFilterFactory;

/** The {@code log} filter type. */
public final class LogFilterFactory implements MilterFilterFactory<LogSettings> {

  @Override
  public String type() {
    return "log";
  }

  @Override
  public Class<LogSettings> settingsType() {
    return LogSettings.class;
  }

  @Override
  public Optional<LogSettings> defaults() {
    return Optional.of(new LogSettings());
  }

  @Override
  public MilterFilter create(LogSettings settings) {
    return LogHandler::new;
  }
}
