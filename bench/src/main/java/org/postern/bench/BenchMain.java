package org.postern.bench;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;
import org.postern.bench.milter.MilterBenchOptions;
import org.postern.bench.milter.MilterBenchReport;
import org.postern.bench.milter.MilterLoadDriver;

/**
 * The benchmark jar's entry point, {@link BenchCommandLine}'s options: runs the {@link LoadDriver}
 * and prints its report. Exit 0 on a run without errors, 1 on a failed run or errors, 2 on a usage
 * error. {@code postern bench} is the same with the same options.
 */
public final class BenchMain {
  static final String USAGE =
      "usage: socketmap|tcp-table|policy --target ADDR [--connections N (4)] [--seconds S (10)]\n"
          + "       [--map NAME (forward, socketmap only)] [--pipeline DEPTH (1)]"
          + " [--warm-up-seconds W (1)]\n"
          + "       milter --target ADDR [--connections N (16)] [--messages M (100000)]"
          + " [--size BYTES (2048)]\n"
          + "       [--warm-up-messages W (20000)]\n"
          + "  ADDR in Postfix notation: inet:127.0.0.1:10003 or unix:/path/socket";

  private BenchMain() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    CommandLine line;
    try {
      line = new DefaultParser().parse(BenchCommandLine.options(), args);
      if (BenchCommandLine.isMilter(line)) {
        return runMilter(BenchCommandLine.parseMilter(line), out, err);
      }
      return run(BenchCommandLine.parse(line), out, err);
    } catch (ParseException | BenchUsageException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  /** Runs {@code options}, printing the report to {@code out}; returns the exit status. */
  public static int run(BenchOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    try {
      BenchReport report =
          options.protocol() == BenchProtocol.SMTP_GREETING
              ? GreetingDriver.run(options)
              : LoadDriver.run(options);
      out.print(report.format());
      return report.errors() == 0 ? 0 : 1;
    } catch (BenchException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  /** Runs the milter driver, printing the report to {@code out}; returns the exit status. */
  public static int runMilter(MilterBenchOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    try {
      MilterBenchReport report = MilterLoadDriver.run(options);
      out.print(report.format());
      return report.errors() == 0 ? 0 : 1;
    } catch (BenchException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  /** The options of a command line. */
  static BenchOptions parse(String[] args) throws BenchUsageException {
    CommandLine line;
    try {
      line = new DefaultParser().parse(BenchCommandLine.options(), args);
    } catch (ParseException e) {
      throw new BenchUsageException(e.getMessage());
    }
    return BenchCommandLine.parse(line);
  }
}
