package org.postern.milter.builtin;

import java.util.Optional;
import org.postern.milter.filter.MilterFilter;
import org.postern.milter.filter.MilterFilterFactory;

/** The {@code add-header} filter type; by default it adds {@code X-Postern-Milter: checked}. */
public final class AddHeaderFilterFactory implements MilterFilterFactory<AddHeaderSettings> {

  @Override
  public String type() {
    return "add-header";
  }

  @Override
  public Class<AddHeaderSettings> settingsType() {
    return AddHeaderSettings.class;
  }

  @Override
  public Optional<AddHeaderSettings> defaults() {
    return Optional.of(new AddHeaderSettings("X-Postern-Milter", "checked"));
  }

  @Override
  public MilterFilter create(AddHeaderSettings settings) {
    return () -> new AddHeaderHandler(settings.name(), settings.value());
  }
}
