package org.postern.milter.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filter types known by name: the factories on the class path ({@link #installed()}) or an
 * explicit list ({@link #of}). Turns settings into filters and a settings list into a chain.
 */
public final class MilterFilterRegistry {

  private static final class Installed {
    static final MilterFilterRegistry REGISTRY = load();

    @SuppressWarnings("rawtypes") // ServiceLoader cannot name the type argument of a generic SPI.
    private static MilterFilterRegistry load() {
      List<MilterFilterFactory<?>> factories = new ArrayList<>();
      ServiceLoader<MilterFilterFactory> loader =
          ServiceLoader.load(
              MilterFilterFactory.class, MilterFilterRegistry.class.getClassLoader());
      for (MilterFilterFactory<?> factory : loader) {
        factories.add(factory);
      }
      return of(factories);
    }
  }

  private final Map<String, MilterFilterFactory<?>> byType;
  private final Map<Class<?>, MilterFilterFactory<?>> bySettings;

  private MilterFilterRegistry(Map<String, MilterFilterFactory<?>> byType) {
    this.byType = Collections.unmodifiableMap(byType);
    Map<Class<?>, MilterFilterFactory<?>> settings = new LinkedHashMap<>();
    byType.values().forEach(factory -> settings.put(factory.settingsType(), factory));
    this.bySettings = Collections.unmodifiableMap(settings);
  }

  /** The factories found with {@link ServiceLoader} on this module's class path, loaded once. */
  public static MilterFilterRegistry installed() {
    return Installed.REGISTRY;
  }

  /**
   * A registry of exactly {@code factories}.
   *
   * @throws IllegalArgumentException when two factories claim one type name or settings record
   */
  public static MilterFilterRegistry of(List<? extends MilterFilterFactory<?>> factories) {
    Map<String, MilterFilterFactory<?>> byType = new LinkedHashMap<>();
    Set<Class<?>> settings = new java.util.HashSet<>();
    for (MilterFilterFactory<?> factory : factories) {
      if (!factory.type().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
        throw new IllegalArgumentException("bad filter type name '" + factory.type() + "'");
      }
      if (byType.putIfAbsent(factory.type(), factory) != null
          || !settings.add(factory.settingsType())) {
        throw new IllegalArgumentException("filter type " + factory.type() + " registered twice");
      }
    }
    return new MilterFilterRegistry(byType);
  }

  /** The type names, sorted. */
  public Set<String> types() {
    return Collections.unmodifiableSet(new TreeSet<>(byType.keySet()));
  }

  /** The settings record of filter {@code type}, if known. */
  public Optional<Class<? extends HandlerSettings>> settingsType(String type) {
    return Optional.ofNullable(byType.get(type)).map(MilterFilterFactory::settingsType);
  }

  /** The factory of {@code type}, if known. */
  public Optional<MilterFilterFactory<?>> factory(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /**
   * The type name of a settings record.
   *
   * @throws IllegalArgumentException when no factory of this registry binds that record
   */
  public String typeOf(Class<? extends HandlerSettings> settingsType) {
    MilterFilterFactory<?> factory = bySettings.get(settingsType);
    if (factory == null) {
      throw new IllegalArgumentException("no filter type binds " + settingsType.getName());
    }
    return factory.type();
  }

  /** The default settings of each of {@code types} that is known and works without config. */
  public List<HandlerSettings> defaultsOf(List<String> types) {
    List<HandlerSettings> defaults = new ArrayList<>();
    for (String type : types) {
      factory(type).flatMap(MilterFilterFactory::defaults).ifPresent(defaults::add);
    }
    return defaults;
  }

  /**
   * Builds the filter {@code settings} describes.
   *
   * @throws IllegalArgumentException when no factory of this registry binds the settings
   * @throws FilterSetupException when the factory cannot build it
   */
  public MilterFilter create(HandlerSettings settings) {
    MilterFilterFactory<?> factory = bySettings.get(settings.getClass());
    if (factory == null) {
      throw new IllegalArgumentException(
          "no filter type binds " + settings.getClass().getName() + "; known: " + types());
    }
    return createWith(factory, settings);
  }

  /**
   * Builds every filter of {@code settings}, in order, into a chain; what was built is closed again
   * when a later filter fails.
   */
  public FilterChain chain(List<? extends HandlerSettings> settings) {
    if (settings.isEmpty()) {
      throw new IllegalArgumentException("the milter needs at least one handler");
    }
    List<MilterFilter> filters = new ArrayList<>();
    try {
      for (HandlerSettings each : settings) {
        filters.add(create(each));
      }
    } catch (RuntimeException e) {
      FilterChain.closeAll(filters, e);
      throw e;
    }
    return new FilterChain(filters);
  }

  private static <S extends HandlerSettings> MilterFilter createWith(
      MilterFilterFactory<S> factory, HandlerSettings settings) {
    return factory.create(factory.settingsType().cast(settings));
  }
}
