package org.postern.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.postern.common.config.ConfigFile;

/**
 * The options of a daemon command: {@code --config} plus one option per key of its config section,
 * named like the key, so every option has a config key and the command line overrides it.
 */
final class SectionOptions {
  private final String section;
  // Key → "ARGUMENT|help text".
  private final Map<String, String> keys;

  /** Options for {@code section}'s {@code keys}, each described as {@code "ARGUMENT|help"}. */
  SectionOptions(String section, Map<String, String> keys) {
    this.section = section;
    this.keys = new LinkedHashMap<>(keys);
  }

  /** Keys in the order given, as pairs of key and {@code "ARGUMENT|help"}. */
  static Map<String, String> keys(String... keyAndDescription) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyAndDescription.length; i += 2) {
      keys.put(keyAndDescription[i], keyAndDescription[i + 1]);
    }
    return keys;
  }

  /** {@code --config} and an option per key, for the command's help and parser. */
  Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("config")
            .hasArg()
            .argName("FILE")
            .desc("YAML config file; this command reads its '" + section + "' section")
            .get());
    options.addOption(IoSettings.option());
    keys.forEach(
        (key, description) -> {
          String[] parts = description.split("\\|", 2);
          options.addOption(
              Option.builder()
                  .longOpt(key)
                  .hasArg()
                  .argName(parts[0])
                  .desc(parts[1] + ", config key " + section + "." + key)
                  .get());
        });
    return options;
  }

  /** The keys given on the command line with their values, to override the config file. */
  Map<String, String> overrides(CommandLine line) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String key : keys.keySet()) {
      if (line.hasOption(key)) {
        overrides.put(key, line.getOptionValue(key));
      }
    }
    return overrides;
  }

  /** The {@code --config} file, or a configuration of defaults when none is given. */
  static ConfigFile configFile(CommandLine line) {
    return line.hasOption("config")
        ? ConfigFile.load(Path.of(line.getOptionValue("config")))
        : ConfigFile.empty();
  }
}
