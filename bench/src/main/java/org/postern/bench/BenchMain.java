package org.postern.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.postern.common.address.InvalidListenAddressException;
import org.postern.common.address.ListenAddress;

/**
 * {@code socketmap|tcp-table --target ADDR [--connections N] [--seconds S] [--map NAME] [--pipeline
 * D] [--warm-up-seconds W]}: runs the {@link LoadDriver} and prints its report. Exit 0 on a run
 * without errors, 1 on a failed run or errors, 2 on a usage error.
 */
public final class BenchMain {
  static final String USAGE =
      "usage: socketmap|tcp-table --target ADDR [--connections N (4)] [--seconds S (10)]\n"
          + "       [--map NAME (forward, socketmap only)] [--pipeline DEPTH (1)]"
          + " [--warm-up-seconds W (1)]\n"
          + "  ADDR in Postfix notation: inet:127.0.0.1:10003 or unix:/path/socket";

  private BenchMain() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    BenchOptions options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      BenchReport report = LoadDriver.run(options);
      out.print(report.format());
      return report.errors() == 0 ? 0 : 1;
    } catch (BenchException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  /** The options of a command line. */
  static BenchOptions parse(String[] args) throws UsageException {
    Options options = new Options();
    options.addOption(valued("target"));
    options.addOption(valued("connections"));
    options.addOption(valued("seconds"));
    options.addOption(valued("map"));
    options.addOption(valued("pipeline"));
    options.addOption(valued("warm-up-seconds"));
    CommandLine line;
    try {
      line = new DefaultParser().parse(options, args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> positional = line.getArgList();
    if (positional.size() != 1) {
      throw new UsageException("expected one protocol, socketmap or tcp-table; got " + positional);
    }
    BenchProtocol protocol;
    try {
      protocol = BenchProtocol.fromCommandName(positional.get(0));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    String targetText = line.getOptionValue("target");
    if (targetText == null) {
      throw new UsageException("--target is required");
    }
    ListenAddress target;
    try {
      target = ListenAddress.parse(targetText);
    } catch (InvalidListenAddressException e) {
      throw new UsageException("--target: " + e.getMessage());
    }
    try {
      return new BenchOptions(
          protocol,
          target,
          positiveInt(line, "connections", 4),
          positiveInt(line, "pipeline", 1),
          Duration.ofSeconds(nonNegativeInt(line, "warm-up-seconds", 1)),
          Duration.ofSeconds(positiveInt(line, "seconds", 10)),
          line.getOptionValue("map", BenchOptions.DEFAULT_MAP));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Option valued(String name) {
    return Option.builder().longOpt(name).hasArg().argName(name).get();
  }

  private static int positiveInt(CommandLine line, String name, int defaultValue)
      throws UsageException {
    int value = nonNegativeInt(line, name, defaultValue);
    if (value == 0) {
      throw new UsageException("--" + name + " must be at least 1");
    }
    return value;
  }

  private static int nonNegativeInt(CommandLine line, String name, int defaultValue)
      throws UsageException {
    String text = line.getOptionValue(name);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new UsageException("--" + name + " must not be negative, got " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " expects a whole number, got '" + text + "'");
    }
  }
}
