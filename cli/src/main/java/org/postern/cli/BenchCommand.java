package org.postern.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.postern.bench.BenchCommandLine;
import org.postern.bench.BenchOptions;
import org.postern.bench.BenchProtocol;
import org.postern.bench.BenchReport;
import org.postern.bench.BenchUsageException;
import org.postern.bench.GreetingDriver;
import org.postern.bench.LoadDriver;
import org.postern.bench.milter.MilterBenchOptions;
import org.postern.bench.milter.MilterBenchReport;
import org.postern.bench.milter.MilterLoadDriver;

/**
 * {@code postern bench socketmap|tcp-table|policy|screen|smtp-greeting|milter --target ADDR ...}:
 * drives a running server with persistent connections (smtp-greeting: a new connection per
 * greeting) and prints throughput, latency percentiles and replies by kind. Exit 0 when no reply
 * was an error, 1 otherwise.
 */
final class BenchCommand implements Command {

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "load-test a socketmap, tcp_table, policy, DNSBL screen or milter server, or SMTP"
        + " greetings";
  }

  @Override
  public String arguments() {
    return BenchCommandLine.ARGUMENTS;
  }

  @Override
  public String description() {
    return String.join(
        "\n",
        "Opens --connections persistent connections, each sending unique requests back to back",
        "(socketmap/tcp-table: unique sender addresses; policy: a new client network, sender and",
        "recipient each time, so a greylist defers and stores every one), warms up, measures",
        "for --seconds and prints requests/s, p50/p99/p99.9 latency and the replies by kind.",
        "screen: policy requests from a new client address each (DNSBL queries every time), or",
        "from --clients N addresses in turn (a warm cache). smtp-greeting: --connections clients",
        "each connecting, timing connect to the final 220 line, and hanging up, over and over.",
        "milter: --connections milter connections (default 16), each negotiated once, send",
        "--messages whole SMTP transactions of --size bytes (CONNECT to end of message, then",
        "QUIT_NC to reuse the connection) after --warm-up-messages; prints msgs/s, p50/p99 and",
        "the end-of-message verdicts.");
  }

  @Override
  public Options options() {
    return BenchCommandLine.options();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    if (BenchCommandLine.isMilter(line)) {
      return runMilter(line, terminal);
    }
    BenchOptions options;
    try {
      options = BenchCommandLine.parse(line);
    } catch (BenchUsageException e) {
      throw new UsageException(e.getMessage());
    }
    BenchReport report =
        options.protocol() == BenchProtocol.SMTP_GREETING
            ? GreetingDriver.run(options)
            : LoadDriver.run(options);
    terminal.out().print(report.format());
    return report.errors() == 0 ? Main.OK : Main.FAILURE;
  }

  private static int runMilter(CommandLine line, Terminal terminal) throws Exception {
    MilterBenchOptions options;
    try {
      options = BenchCommandLine.parseMilter(line);
    } catch (BenchUsageException e) {
      throw new UsageException(e.getMessage());
    }
    MilterBenchReport report = MilterLoadDriver.run(options);
    terminal.out().print(report.format());
    return report.errors() == 0 ? Main.OK : Main.FAILURE;
  }
}
