package org.postern.sieve.validation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The commands, tests and extensions a compiler knows; built once, then read-only. */
public final class Registry {

  private final Map<String, CommandDefinition> commands = new HashMap<>();
  private final Map<String, TestDefinition> tests = new HashMap<>();
  private final Map<String, SieveExtension> extensions = new LinkedHashMap<>();

  /** Adds an extension and whatever it registers. */
  public Registry add(SieveExtension extension) {
    extensions.put(extension.name(), extension);
    extension.register(this);
    return this;
  }

  /** Registers a command. */
  public void command(CommandDefinition definition) {
    commands.put(definition.name(), definition);
  }

  /** Registers a test. */
  public void test(TestDefinition definition) {
    tests.put(definition.name(), definition);
  }

  /** The command named {@code name} (case-insensitive), or {@code null}. */
  public CommandDefinition command(String name) {
    return commands.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** The test named {@code name} (case-insensitive), or {@code null}. */
  public TestDefinition test(String name) {
    return tests.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether a script may require {@code name}. */
  public boolean supports(String name) {
    return extensions.containsKey(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** The extensions a script requiring {@code name} must also require. */
  public Set<String> needs(String name) {
    SieveExtension extension = extensions.get(name.toLowerCase(java.util.Locale.ROOT));
    return extension == null ? Set.of() : extension.needs();
  }

  /** The extensions that requiring {@code name} also enables. */
  public Set<String> implied(String name) {
    SieveExtension extension = extensions.get(name.toLowerCase(java.util.Locale.ROOT));
    return extension == null ? Set.of() : extension.implies();
  }

  /** The extension named {@code name} (case-insensitive), or {@code null}. */
  public SieveExtension extension(String name) {
    return extensions.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** The names of all supported extensions (for ihave and the capability list). */
  public Set<String> extensionNames() {
    return Set.copyOf(extensions.keySet());
  }
}
