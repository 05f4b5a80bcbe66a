package org.postern.bench;

import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.postern.bench.milter.MilterBenchOptions;
import org.postern.common.address.InvalidListenAddressException;
import org.postern.common.address.ListenAddress;

/**
 * The benchmark's command line, {@code socketmap|tcp-table|policy --target ADDR [--connections N]
 * [--seconds S] [--map NAME] [--pipeline D] [--warm-up-seconds W]} or {@code milter --target ADDR
 * [--connections N] [--messages M] [--size BYTES] [--warm-up-messages W]}, shared by {@link
 * BenchMain} and {@code postern bench} so both accept the same options.
 */
public final class BenchCommandLine {
  /** The arguments after the options, for usage lines. */
  public static final String ARGUMENTS = "socketmap|tcp-table|policy|screen|smtp-greeting|milter";

  /** The positional argument selecting the milter driver. */
  public static final String MILTER = "milter";

  private static final List<String> MILTER_ONLY = List.of("messages", "size", "warm-up-messages");
  private static final List<String> REQUEST_ONLY =
      List.of("seconds", "map", "pipeline", "warm-up-seconds", "clients", "threads");

  private BenchCommandLine() {}

  /** The options, with help texts. */
  public static Options options() {
    Options options = new Options();
    options.addOption(
        valued("target", "ADDR", "the server, inet:HOST:PORT or unix:PATH (required)"));
    options.addOption(valued("connections", "N", "persistent connections (default 4)"));
    options.addOption(valued("seconds", "S", "measured seconds (default 10)"));
    options.addOption(
        valued("map", "NAME", "socketmap map to query (default forward; socketmap only)"));
    options.addOption(valued("pipeline", "DEPTH", "requests outstanding per connection (1)"));
    options.addOption(valued("warm-up-seconds", "W", "seconds before measuring (default 1)"));
    options.addOption(valued("messages", "M", "milter: messages measured (default 100000)"));
    options.addOption(valued("size", "BYTES", "milter: bytes per message (default 2048)"));
    options.addOption(
        valued("warm-up-messages", "W", "milter: messages before measuring (default 20000)"));
    options.addOption(
        valued("clients", "N", "screen: N client addresses in turn (default 0: always new)"));
    options.addOption(
        valued(
            "threads",
            "N",
            "driver I/O threads (default 0: one per connection, at most one per processor)"));
    return options;
  }

  /** Whether the command line asks for the milter driver rather than a request protocol. */
  public static boolean isMilter(CommandLine line) {
    return line.getArgList().equals(List.of(MILTER));
  }

  /** The milter run a parsed {@code milter ...} command line asks for. */
  public static MilterBenchOptions parseMilter(CommandLine line) throws BenchUsageException {
    if (!isMilter(line)) {
      throw new BenchUsageException("expected milter; got " + line.getArgList());
    }
    refuse(line, REQUEST_ONLY, "milter");
    ListenAddress target = target(line);
    try {
      return new MilterBenchOptions(
          target,
          positiveInt(line, "connections", 16),
          positiveInt(line, "messages", 100_000),
          positiveInt(line, "size", 2048),
          nonNegativeInt(line, "warm-up-messages", 20_000));
    } catch (IllegalArgumentException e) {
      throw new BenchUsageException(e.getMessage());
    }
  }

  /** The run a parsed command line asks for. */
  public static BenchOptions parse(CommandLine line) throws BenchUsageException {
    List<String> positional = line.getArgList();
    if (positional.size() != 1) {
      throw new BenchUsageException(
          "expected one protocol, socketmap, tcp-table, policy, screen, smtp-greeting or milter;"
              + " got "
              + positional);
    }
    BenchProtocol protocol;
    try {
      protocol = BenchProtocol.fromCommandName(positional.get(0));
    } catch (IllegalArgumentException e) {
      throw new BenchUsageException(e.getMessage());
    }
    refuse(line, MILTER_ONLY, protocol.commandName());
    ListenAddress target = target(line);
    try {
      return new BenchOptions(
          protocol,
          target,
          positiveInt(line, "connections", 4),
          positiveInt(line, "pipeline", 1),
          Duration.ofSeconds(nonNegativeInt(line, "warm-up-seconds", 1)),
          Duration.ofSeconds(positiveInt(line, "seconds", 10)),
          line.getOptionValue("map", BenchOptions.DEFAULT_MAP),
          nonNegativeInt(line, "clients", 0),
          nonNegativeInt(line, "threads", 0));
    } catch (IllegalArgumentException e) {
      throw new BenchUsageException(e.getMessage());
    }
  }

  private static void refuse(CommandLine line, List<String> names, String protocol)
      throws BenchUsageException {
    for (String name : names) {
      if (line.hasOption(name)) {
        throw new BenchUsageException("--" + name + " does not apply to " + protocol);
      }
    }
  }

  private static ListenAddress target(CommandLine line) throws BenchUsageException {
    String targetText = line.getOptionValue("target");
    if (targetText == null) {
      throw new BenchUsageException("--target is required");
    }
    try {
      return ListenAddress.parse(targetText);
    } catch (InvalidListenAddressException e) {
      throw new BenchUsageException("--target: " + e.getMessage());
    }
  }

  private static Option valued(String name, String argument, String description) {
    return Option.builder().longOpt(name).hasArg().argName(argument).desc(description).get();
  }

  private static int positiveInt(CommandLine line, String name, int defaultValue)
      throws BenchUsageException {
    int value = nonNegativeInt(line, name, defaultValue);
    if (value == 0) {
      throw new BenchUsageException("--" + name + " must be at least 1");
    }
    return value;
  }

  private static int nonNegativeInt(CommandLine line, String name, int defaultValue)
      throws BenchUsageException {
    String text = line.getOptionValue(name);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new BenchUsageException("--" + name + " must not be negative, got " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BenchUsageException("--" + name + " expects a whole number, got '" + text + "'");
    }
  }
}
