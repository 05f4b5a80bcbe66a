package org.postern.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.postern.common.config.ConfigException;

/** The {@code postern} command: dispatches to a subcommand and maps failures to exit codes. */
public final class Main {

  /** Exit status for success. */
  static final int OK = 0;

  /** Exit status for a runtime failure. */
  static final int FAILURE = 1;

  /** Exit status for a command line that cannot be run. */
  static final int USAGE = 2;

  private final Map<String, Command> commands = new LinkedHashMap<>();

  Main() {
    List<Command> all =
        List.of(
            new HelpCommand(this::command, this::commands),
            new VersionCommand(),
            new StackCommand(),
            new StatsCommand(),
            new SrsCommand(),
            new GreylistCommand(),
            new DkimCommand(),
            new MilterCommand(),
            new ScreenCommand(),
            new SieveCommand(),
            new BenchCommand());
    all.forEach(command -> commands.put(command.name(), command));
  }

  /** Runs {@code postern ARGS} and exits with its status. */
  public static void main(String[] args) {
    // Before any command class loads: their static loggers would fix the backend's settings.
    Logging.configure(Logging.levelFor(args));
    int status = new Main().run(args, new Terminal(System.out, System.err));
    System.out.flush();
    System.exit(status);
  }

  /** Runs one command line, returning the exit status instead of exiting. */
  int run(String[] args, Terminal terminal) {
    if (args.length == 0) {
      return usageError(terminal.err(), "no command given", null);
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      return usageError(terminal.err(), "unknown command '" + args[0] + "'", null);
    }
    CommandLine line;
    try {
      line =
          new DefaultParser().parse(optionsOf(command), Arrays.copyOfRange(args, 1, args.length));
    } catch (ParseException e) {
      return usageError(terminal.err(), e.getMessage(), command);
    }
    try {
      Logging.validate(line.getOptionValue("log-level", Logging.DEFAULT_LEVEL));
      return command.run(line, terminal);
    } catch (UsageException e) {
      return usageError(terminal.err(), e.getMessage(), command);
    } catch (ConfigException e) {
      if (e.location().startsWith("--")) {
        return usageError(terminal.err(), e.getMessage(), command);
      }
      terminal.err().println("postern " + command.name() + ": " + e.getMessage());
      return FAILURE;
    } catch (Exception e) {
      terminal.err().println("postern " + command.name() + ": " + describe(e));
      return FAILURE;
    }
  }

  /** The options a command accepts: its own plus the ones every command shares. */
  static Options optionsOf(Command command) {
    Options options = new Options();
    command.options().getOptions().forEach(options::addOption);
    options.addOption(
        Option.builder()
            .longOpt("log-level")
            .hasArg()
            .argName("LEVEL")
            .desc("error, warn, info (default), debug or trace")
            .get());
    return options;
  }

  Command command(String name) {
    return commands.get(name);
  }

  List<Command> commands() {
    return List.copyOf(commands.values());
  }

  private static int usageError(PrintStream err, String problem, Command command) {
    String hint = command == null ? "postern help" : "postern help " + command.name();
    err.println("postern: " + problem + " (see '" + hint + "')");
    return USAGE;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
