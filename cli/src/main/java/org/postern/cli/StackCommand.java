package org.postern.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.postern.common.config.ConfigFile;
import org.postern.common.server.ServerStartException;
import org.postern.common.stats.StatsHttpInitializer;
import org.postern.greylist.GreylistSettings;
import org.postern.milter.server.MilterSettings;
import org.postern.screen.ScreenSettings;
import org.postern.srs.SrsRewriterFactory;
import org.postern.srs.SrsSecretsFile;
import org.postern.srs.SrsSettings;

/** {@code postern stack}: every service on loopback with embedded defaults, in one process. */
final class StackCommand implements Command {

  /** Config sections the stack reads; anything else in the file is a typo. */
  static final List<String> SECTIONS =
      List.of("stack", "io", "logging", "stats", "milter", "greylist", "screen", "srs");

  @Override
  public String name() {
    return "stack";
  }

  @Override
  public String summary() {
    return "run every service on loopback and print the Postfix lines to paste";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("config")
            .hasArg()
            .argName("FILE")
            .desc("YAML config file, a section per service (default: embedded defaults)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("data-dir")
            .hasArg()
            .argName("DIR")
            .desc(
                "directory for state such as stores and secrets, config key stack.data-dir"
                    + " (default ./var)")
            .get());
    options.addOption(IoSettings.option());
    return options;
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("stack takes no arguments, only options");
    }
    ConfigFile config = SectionOptions.configFile(line);
    config.requireKnownSections(SECTIONS);
    StackSettings stack =
        config.section(
            "stack",
            StackSettings.class,
            line.hasOption("data-dir")
                ? Map.of("data-dir", line.getOptionValue("data-dir"))
                : Map.of());
    Path dataDir = createDataDir(stack.dataDir());
    StatsSettings statsSettings = config.section("stats", StatsSettings.class);

    try (DaemonLauncher launcher = new DaemonLauncher(terminal, IoSettings.from(line, config))) {
      launcher.serve(
          "stats", List.of(statsSettings.listen()), new StatsHttpInitializer(launcher.stats()));
      // Each service binds, registers its Postfix lines and counts into the shared registry.
      startMilter(config, launcher);
      startGreylist(config, dataDir, launcher);
      startScreen(config, launcher);
      startSrs(config, dataDir, launcher);
      terminal.out().println("data directory: " + dataDir.toAbsolutePath());
      return launcher.runUntilStopped();
    }
  }

  /**
   * The SRS socketmap (default inet:127.0.0.1:10003). Embedded defaults: srs-domain is the
   * machine's host name unless configured, and the secrets file is {@code DATA_DIR/srs.secrets},
   * generated with a random secret (mode 0600) when missing.
   */
  private static void startSrs(ConfigFile config, Path dataDir, DaemonLauncher launcher)
      throws Exception {
    SrsSettings settings = config.section(SrsCommand.SECTION, SrsSettings.class);
    if (settings.srsDomain() == null) {
      settings = settings.withSrsDomain(hostName());
    }
    if (settings.secrets() == null) {
      settings = settings.withSecrets(dataDir.resolve("srs.secrets"));
      SrsSecretsFile.createIfMissing(settings.secrets());
    }
    SrsCommand.start(settings, SrsRewriterFactory.create(settings), launcher);
  }

  private static String hostName() throws UsageException {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new UsageException("cannot find this machine's host name for SRS; set srs-domain");
    }
  }

  /** Greylisting on 127.0.0.1:10023 with its store file in the data directory. */
  private static void startGreylist(ConfigFile config, Path dataDir, DaemonLauncher launcher)
      throws Exception {
    GreylistCommand.start(config.section("greylist", GreylistSettings.class), dataDir, launcher);
  }

  /** The milter on 127.0.0.1:8891 (section "milter"): dkim-verify, add-header, log by default. */
  private static void startMilter(ConfigFile config, DaemonLauncher launcher)
      throws ServerStartException {
    MilterCommand.start(config.section("milter", MilterSettings.class), launcher);
  }

  /** The DNSBL screen policy service on 127.0.0.1:10024; state is memory only. */
  private static void startScreen(ConfigFile config, DaemonLauncher launcher) throws Exception {
    ScreenCommand.start(config.section(ScreenCommand.SECTION, ScreenSettings.class), launcher);
  }

  /** Creates the data directory private to the postern user (0700) when it is missing. */
  private static Path createDataDir(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      Files.createDirectories(
          dataDir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return dataDir;
  }
}
