package org.postern.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigFile;
import org.postern.screen.ScreenService;
import org.postern.screen.ScreenSettings;

/** {@code postern screen}: the DNSBL/DNSWL screen as a Postfix policy service. */
final class ScreenCommand implements Command {

  /** The config section, shared with {@code postern stack}. */
  static final String SECTION = "screen";

  /** Options named like the keys of the {@code screen} config section. */
  private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put(
        "listen", "ADDR|where to listen, inet:HOST:PORT or unix:PATH (default 127.0.0.1:10024)");
    SETTINGS.put(
        "dnsbl-sites", "SITES|comma-separated sites in postscreen syntax, e.g. zen.spamhaus.org*3");
    SETTINGS.put("dnsbl-threshold", "N|score that blocks (default 1)");
    SETTINGS.put(
        "dnsbl-allowlist-threshold", "N|score at or below which a client is trusted, 0 off");
    SETTINGS.put("dnsbl-action", "ACTION|reject (default), defer or ignore for listed clients");
    SETTINGS.put("dnsbl-timeout", "DURATION|how long each site may take (default 5s)");
    SETTINGS.put("dns-servers", "IPS|comma-separated resolvers IP[:PORT] (default: system's)");
    SETTINGS.put("access-list", "FILE|cidr_table(5) file: NETWORK/PREFIX permit|reject|dunno");
    SETTINGS.put("cache-entries", "N|DNS answers and passes kept in memory (default 100000)");
    SETTINGS.put("min-ttl", "DURATION|shortest caching time (default 60s)");
    SETTINGS.put("max-ttl", "DURATION|longest caching time (default 1h)");
  }

  @Override
  public String name() {
    return "screen";
  }

  @Override
  public String summary() {
    return "DNSBL/DNSWL screening policy service (postscreen's DNSBL test)";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder().longOpt("config").hasArg().argName("FILE").desc("YAML config file").get());
    SETTINGS.forEach(
        (key, help) -> {
          String[] parts = help.split("\\|", 2);
          options.addOption(
              Option.builder()
                  .longOpt(key)
                  .hasArg()
                  .argName(parts[0])
                  .desc(parts[1] + ", config key screen." + key)
                  .get());
        });
    return options;
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("screen takes no arguments, only options");
    }
    ConfigFile config =
        line.hasOption("config")
            ? ConfigFile.load(Path.of(line.getOptionValue("config")))
            : ConfigFile.empty();
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String key : SETTINGS.keySet()) {
      if (line.hasOption(key)) {
        overrides.put(key, line.getOptionValue(key));
      }
    }
    ScreenSettings settings = config.section(SECTION, ScreenSettings.class, overrides);
    try (DaemonLauncher launcher = new DaemonLauncher(terminal)) {
      start(settings, launcher);
      return launcher.runUntilStopped();
    }
  }

  /** Starts the service and its server on the launcher; shared with {@code postern stack}. */
  static void start(ScreenSettings settings, DaemonLauncher launcher) throws Exception {
    ScreenService service =
        launcher.manage(
            ScreenService.start(settings, Clock.systemUTC(), launcher.stats().service("screen")));
    launcher.serve("screen", List.of(settings.listen()), service.channelInitializer());
    launcher.postfixLines(postfixLines(settings.listen()));
  }

  /**
   * The main.cf line: client restrictions, which Postfix (smtpd_delay_reject=yes, the default)
   * evaluates at RCPT TO, so the rejection is logged with sender and recipient as postscreen does.
   */
  static List<String> postfixLines(ListenAddress listen) {
    return List.of("smtpd_client_restrictions = check_policy_service " + listen);
  }
}
