package org.postern.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.postern.common.config.ConfigException;
import org.postern.common.config.ConfigFile;
import org.postern.common.server.DaemonServer;
import org.postern.common.server.ServerStartException;
import org.postern.common.stats.ServiceStats;
import org.postern.socketmap.CountingSocketmapHandler;
import org.postern.socketmap.SocketmapChannelInitializer;
import org.postern.srs.SrsConfigException;
import org.postern.srs.SrsResult;
import org.postern.srs.SrsRewriter;
import org.postern.srs.SrsRewriterFactory;
import org.postern.srs.SrsSettings;
import org.postern.srs.SrsSocketmap;
import org.postern.srs.SrsTcpTable;
import org.postern.tcptable.TcpTableChannelInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code postern srs}: the SRS socketmap daemon ({@code forward} and {@code reverse} maps), or a
 * one-shot {@code forward ADDRESS} / {@code reverse ADDRESS} for debugging.
 */
final class SrsCommand implements Command {

  private static final Logger log = LoggerFactory.getLogger(SrsCommand.class);

  /** The config section and the stats service name. */
  static final String SECTION = "srs";

  // Option name -> config key; options are named like their keys except --domain.
  private static final Map<String, String> VALUE_OPTIONS = valueOptions();

  private static Map<String, String> valueOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("listen", "listen");
    options.put("domain", "srs-domain");
    options.put("secrets", "secrets");
    options.put("hash-length", "hash-length");
    options.put("hash-minimum", "hash-minimum");
    options.put("max-age", "max-age");
    options.put("hash-encoding", "hash-encoding");
    options.put("separator", "separator");
    options.put("domains", "domains");
    options.put("tcp-table-forward", "tcp-table-forward");
    options.put("tcp-table-reverse", "tcp-table-reverse");
    return options;
  }

  @Override
  public String name() {
    return "srs";
  }

  @Override
  public String summary() {
    return "SRS socketmap for Postfix (forward/reverse maps), or one-shot forward/reverse";
  }

  @Override
  public String arguments() {
    return "[forward ADDRESS | reverse ADDRESS]";
  }

  @Override
  public String description() {
    return String.join(
        "\n",
        "Without arguments, serves Postfix's socketmap protocol with the maps 'forward'",
        "(envelope sender -> SRS0/SRS1 address in the SRS domain) and 'reverse' (SRS address",
        "-> original sender), and prints the main.cf lines, e.g. for the default address:",
        "  sender_canonical_maps = socketmap:inet:127.0.0.1:10003:forward",
        "  sender_canonical_classes = envelope_sender",
        "  recipient_canonical_maps = socketmap:inet:127.0.0.1:10003:reverse",
        "  recipient_canonical_classes = envelope_recipient, header_recipient",
        "(for a unix socket: socketmap:unix:/path:forward). Stops on SIGTERM or Ctrl-C.",
        "",
        "'forward ADDRESS' and 'reverse ADDRESS' print the rewritten address and exit 0,",
        "or print why it is left alone (not applicable, bad hash, expired) and exit 1.",
        "",
        "--domain and --secrets are required, here or as srs-domain and secrets in the",
        "'srs' section of --config. The secrets file holds one secret per line (the first",
        "signs, all verify) and must not be readable by group or others.",
        "Every option has a config key of the same name in the 'srs' section.");
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(valueOption("config", "FILE", "YAML config file; reads its 'srs' section"));
    options.addOption(IoSettings.option());
    options.addOption(
        valueOption(
            "listen",
            "ADDR",
            "socketmap listen addresses, comma-separated (default "
                + SrsSettings.DEFAULT_LISTEN
                + ")"));
    options.addOption(
        valueOption("domain", "DOMAIN", "the SRS domain, config key srs-domain (required)"));
    options.addOption(
        valueOption("secrets", "FILE", "secrets file, one per line, mode 0600 (required)"));
    options.addOption(valueOption("hash-length", "N", "hash characters written (default 4)"));
    options.addOption(
        valueOption("hash-minimum", "N", "fewest hash characters accepted (default 4)"));
    options.addOption(
        valueOption("max-age", "DAYS", "days an SRS address stays valid (default 21)"));
    options.addOption(
        valueOption("hash-encoding", "ENC", "base64url (default) or base64 (postsrsd 1)"));
    options.addOption(
        valueOption("separator", "C", "separator after SRS0/SRS1: = (default), + or -"));
    options.addOption(
        valueOption(
            "domains", "LIST", "sender domains never rewritten; .example.com = subdomains"));
    options.addOption(
        Option.builder()
            .longOpt("always-rewrite")
            .desc("rewrite senders already in the SRS domain too")
            .get());
    options.addOption(
        valueOption(
            "tcp-table-forward",
            "ADDR",
            "also serve the forward map over tcp_table here, as postsrsd 1.x (default none)"));
    options.addOption(
        valueOption(
            "tcp-table-reverse",
            "ADDR",
            "also serve the reverse map over tcp_table here, as postsrsd 1.x (default none)"));
    return options;
  }

  private static Option valueOption(String name, String argument, String description) {
    return Option.builder().longOpt(name).hasArg().argName(argument).desc(description).get();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    List<String> words = line.getArgList();
    if (words.isEmpty()) {
      return serve(line, terminal);
    }
    if (words.size() != 2 || !(words.get(0).equals("forward") || words.get(0).equals("reverse"))) {
      throw new UsageException(
          "expected no arguments (run the daemon), 'forward ADDRESS' or 'reverse ADDRESS'");
    }
    SrsRewriter rewriter = rewriter(settings(line));
    String address = words.get(1);
    SrsResult result =
        words.get(0).equals("forward") ? rewriter.forward(address) : rewriter.reverse(address);
    if (result instanceof SrsResult.Rewritten rewritten) {
      terminal.out().println(rewritten.address());
      return Main.OK;
    }
    String reason =
        result instanceof SrsResult.Invalid invalid
            ? invalid.reason()
            : ((SrsResult.NotApplicable) result).reason();
    String verdict = result instanceof SrsResult.Invalid ? "invalid" : "not applicable";
    terminal.err().println("postern srs: " + address + ": " + verdict + ": " + reason);
    return Main.FAILURE;
  }

  private static int serve(CommandLine line, Terminal terminal) throws Exception {
    SrsSettings settings = settings(line);
    SrsRewriter rewriter = rewriter(settings);
    IoSettings io = IoSettings.from(line, SectionOptions.configFile(line));
    try (DaemonLauncher launcher = new DaemonLauncher(terminal, io)) {
      start(settings, rewriter, launcher);
      return launcher.runUntilStopped();
    }
  }

  /**
   * Binds the socketmap for {@code rewriter}, and the tcp_table maps when configured, counting into
   * the {@code srs} stats, and registers the Postfix lines for the socketmap's first bound address;
   * shared with {@code postern stack}. Returns the socketmap server.
   */
  static DaemonServer start(SrsSettings settings, SrsRewriter rewriter, DaemonLauncher launcher)
      throws ServerStartException {
    ServiceStats stats = launcher.stats().service(SECTION);
    DaemonServer server =
        launcher.serve(
            SECTION,
            settings.listen(),
            new SocketmapChannelInitializer(
                new CountingSocketmapHandler(new SrsSocketmap(rewriter), stats)));
    if (!settings.tcpTableForward().isEmpty()) {
      launcher.serve(
          "srs-tcp-forward",
          settings.tcpTableForward(),
          new TcpTableChannelInitializer(SrsTcpTable.forward(rewriter)));
    }
    if (!settings.tcpTableReverse().isEmpty()) {
      launcher.serve(
          "srs-tcp-reverse",
          settings.tcpTableReverse(),
          new TcpTableChannelInitializer(SrsTcpTable.reverse(rewriter)));
    }
    launcher.postfixLines(SrsSocketmap.postfixLines(server.boundAddresses().get(0)));
    log.info("srs rewrites senders into the SRS domain {}", rewriter.srsDomain());
    return server;
  }

  /** The settings from defaults, the config file's {@code srs} section and the options. */
  private static SrsSettings settings(CommandLine line) throws UsageException {
    ConfigFile config = SectionOptions.configFile(line);
    Map<String, String> overrides = new LinkedHashMap<>();
    VALUE_OPTIONS.forEach(
        (option, key) -> {
          if (line.hasOption(option)) {
            overrides.put(key, line.getOptionValue(option));
          }
        });
    if (line.hasOption("always-rewrite")) {
      overrides.put("always-rewrite", "true");
    }
    SrsSettings settings;
    try {
      settings = config.section(SECTION, SrsSettings.class, overrides);
    } catch (ConfigException e) {
      throw e.location().equals("--srs-domain")
          ? new ConfigException("--domain", e.problem(), e)
          : e;
    }
    if (settings.srsDomain() == null) {
      throw new UsageException(
          "--domain is required (or srs-domain in the srs section of --config)");
    }
    if (settings.secrets() == null) {
      throw new UsageException("--secrets is required (or secrets in the srs section of --config)");
    }
    return settings;
  }

  private static SrsRewriter rewriter(SrsSettings settings) throws SrsConfigException {
    return SrsRewriterFactory.create(settings);
  }
}
