package org.postern.milter.filter;

import java.util.Optional;

/**
 * One filter type of the milter chain: its config name, its settings record and how to build it.
 * Modules offer theirs through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/org.postern.milter.filter.MilterFilterFactory}), so the {@code milter} config
 * section can name them.
 *
 * @param <S> the settings record of this filter type
 */
public interface MilterFilterFactory<S extends HandlerSettings> {

  /** The name in config, e.g. {@code add-header}: lower case words joined by hyphens. */
  String type();

  /** The record the rest of the handler's keys bind to. */
  Class<S> settingsType();

  /**
   * Settings that work without any configuration, if this filter belongs in the default chain (e.g.
   * {@code log}); empty when the filter needs settings (e.g. signing keys).
   */
  default Optional<S> defaults() {
    return Optional.empty();
  }

  /**
   * Builds the filter: loads files, starts shared resources.
   *
   * @throws FilterSetupException when the settings name files or resources that cannot be used
   */
  MilterFilter create(S settings);
}
