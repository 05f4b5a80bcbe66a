package org.postern.cli;

import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.postern.common.config.ConfigException;
import org.postern.common.config.ConfigFile;
import org.postern.common.config.InvalidSettingException;

/**
 * The {@code io} config section: how many Netty I/O threads the servers of one process share. One
 * per core suits pipelined load; request/reply services whose clients wait for each answer (policy
 * delegation: Postfix asks one question at a time per connection) do better on fewer threads, as
 * fewer threads mean fewer wake-ups across cores.
 *
 * @param threads I/O threads, default the number of processors
 */
public record IoSettings(Integer threads) {
  /** The command-line option every daemon command takes. */
  static final String OPTION = "io-threads";

  private static final int MAX_THREADS = 256;

  /** Fills in the default and checks the range. */
  public IoSettings {
    threads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (threads < 1 || threads > MAX_THREADS) {
      throw new InvalidSettingException(
          "threads", "must be between 1 and " + MAX_THREADS + ", not " + threads);
    }
  }

  /** One thread per processor. */
  public static IoSettings defaults() {
    return new IoSettings(null);
  }

  /** {@code --io-threads N}, for a daemon command's options. */
  static Option option() {
    return Option.builder()
        .longOpt(OPTION)
        .hasArg()
        .argName("N")
        .desc("I/O threads of this process, config key io.threads (default: one per processor)")
        .get();
  }

  /** The config file's {@code io} section, {@code --io-threads} overriding it. */
  static IoSettings from(CommandLine line, ConfigFile config) {
    try {
      return config.section(
          "io",
          IoSettings.class,
          line.hasOption(OPTION) ? Map.of("threads", line.getOptionValue(OPTION)) : Map.of());
    } catch (ConfigException e) {
      // The override is reported under its key; the user typed the option.
      throw e.location().equals("--threads")
          ? new ConfigException("--" + OPTION, e.problem(), e)
          : e;
    }
  }
}
