package org.postern.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.postern.common.config.ConfigException;
import org.postern.common.config.ConfigFile;
import org.postern.common.lifecycle.Service;
import org.postern.common.server.DaemonServer;
import org.postern.common.server.ServerStartException;
import org.postern.milter.filter.FilterChain;
import org.postern.milter.filter.FilterSetupException;
import org.postern.milter.filter.MilterFilterRegistry;
import org.postern.milter.server.MilterServer;
import org.postern.milter.server.MilterSettings;
import org.postern.milter.server.PostfixMilterLines;

/** {@code postern milter}: serves the configured filter chain to Postfix until stopped. */
final class MilterCommand implements Command {

  /** The config section and stats service name. */
  static final String SECTION = "milter";

  private static final SectionOptions OPTIONS =
      new SectionOptions(
          SECTION,
          SectionOptions.keys(
              "listen",
              "ADDR|where Postfix connects, inet:HOST:PORT or unix:/path (default "
                  + MilterSettings.DEFAULT_LISTEN
                  + ")",
              "stage-timeout",
              "DURATION|time a filter may take per SMTP stage before TEMPFAIL (default 30s)",
              "max-frame-size",
              "SIZE|largest milter packet accepted from Postfix (default 1MiB)"));

  @Override
  public String name() {
    return "milter";
  }

  @Override
  public String summary() {
    return "serve the milter filter chain (dkim-sign, dkim-verify, add-header, log) to Postfix";
  }

  @Override
  public Options options() {
    return OPTIONS.options();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("milter takes no arguments, only options");
    }
    ConfigFile config = SectionOptions.configFile(line);
    MilterSettings settings =
        config.section(SECTION, MilterSettings.class, OPTIONS.overrides(line));
    try (DaemonLauncher launcher = new DaemonLauncher(terminal, IoSettings.from(line, config))) {
      start(settings, launcher);
      return launcher.runUntilStopped();
    }
  }

  /**
   * Builds the filters of {@code settings} (every type on the class path: the built-ins and the
   * dkim module's), binds the milter and registers its Postfix lines; shared with stack.
   */
  static DaemonServer start(MilterSettings settings, DaemonLauncher launcher)
      throws ServerStartException {
    FilterChain chain;
    try {
      chain = MilterFilterRegistry.installed().chain(settings.handlers());
    } catch (FilterSetupException e) {
      throw new ConfigException(SECTION + ".handlers", e.getMessage(), e);
    }
    // Registered before the server so the filters' threads outlive the connections using them.
    launcher.manage(new FilterChainService(chain));
    MilterServer milter =
        MilterServer.fromSettings(settings, chain, launcher.stats().service(SECTION));
    DaemonServer server = launcher.serve(SECTION, List.of(settings.listen()), milter);
    launcher.postfixLines(PostfixMilterLines.forAddress(server.boundAddresses().get(0)));
    return server;
  }

  /** Closes the filters (key rings, DNS caches, crypto threads) when the process stops. */
  private static final class FilterChainService implements Service {
    private final FilterChain chain;
    private CompletableFuture<Void> stopped;

    FilterChainService(FilterChain chain) {
      this.chain = chain;
    }

    @Override
    public String serviceName() {
      return "milter-filters";
    }

    @Override
    public synchronized CompletableFuture<Void> shutdown() {
      if (stopped == null) {
        stopped = CompletableFuture.runAsync(chain::close);
      }
      return stopped;
    }
  }
}
