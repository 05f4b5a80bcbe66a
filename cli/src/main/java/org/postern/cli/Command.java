package org.postern.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One {@code postern} subcommand: its options, its help text and what it does. */
interface Command {

  /** The word typed after {@code postern}. */
  String name();

  /** One line for {@code postern help}. */
  String summary();

  /** The arguments after the options, for the usage line (empty when none). */
  default String arguments() {
    return "";
  }

  /** Longer help shown by {@code postern help COMMAND} after the summary (empty when none). */
  default String description() {
    return "";
  }

  /** The command's own options; {@code --log-level} and {@code --config} are added by Main. */
  Options options();

  /**
   * Runs the command and returns the exit status.
   *
   * @throws UsageException when the arguments are wrong (exit 2)
   * @throws Exception any runtime failure (exit 1)
   */
  int run(CommandLine line, Terminal terminal) throws Exception;
}
