package org.postern.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigFile;
import org.postern.greylist.GreylistService;
import org.postern.greylist.GreylistSettings;

/** {@code postern greylist}: the greylisting policy service for Postfix's check_policy_service. */
final class GreylistCommand implements Command {

  /** Options named like the keys of the {@code greylist} config section. */
  private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put(
        "listen", "ADDR|where to listen, inet:HOST:PORT or unix:PATH (default 127.0.0.1:10023)");
    SETTINGS.put(
        "store", "STORE|file:PATH (relative to the working directory) or redis://HOST:PORT");
    SETTINGS.put("delay", "DURATION|how long a new triplet is deferred (default 300s)");
    SETTINGS.put("retry-window", "DURATION|how long a retry still passes (default 2d)");
    SETTINGS.put("max-age", "DURATION|forget entries unseen this long (default 35d)");
    SETTINGS.put(
        "auto-whitelist-clients", "N|passes before a network is whitelisted, 0 off (default 5)");
    SETTINGS.put("ipv4-prefix", "BITS|IPv4 client network size (default 24)");
    SETTINGS.put("ipv6-prefix", "BITS|IPv6 client network size (default 64)");
    SETTINGS.put("prepend-header", "BOOL|add X-Greylist to delayed mail (default false)");
    SETTINGS.put("greylist-text", "TEXT|deferral text");
    SETTINGS.put("whitelist-clients", "FILE|client whitelist, re-read when changed");
    SETTINGS.put("whitelist-recipients", "FILE|recipient whitelist, re-read when changed");
    SETTINGS.put(
        "default-client-whitelist", "BOOL|whitelist the shipped big senders (default true)");
    SETTINGS.put(
        "store-failure", "MODE|dunno (default) or defer-if-permit while the store is down");
    SETTINGS.put("store-threads", "N|store worker threads (default 4)");
    SETTINGS.put(
        "store-queue", "N|store requests waiting before the fail mode answers (default 1000)");
    SETTINGS.put("cache-entries", "N|entries kept in memory, 0 off (default 100000)");
    SETTINGS.put("cache-ttl", "DURATION|how long cached entries are trusted (default 60s)");
    SETTINGS.put("redis-timeout", "DURATION|per Redis command (default 1s)");
  }

  private static final SectionOptions OPTIONS = new SectionOptions("greylist", SETTINGS);

  @Override
  public String name() {
    return "greylist";
  }

  @Override
  public String summary() {
    return "greylisting policy service (postgrey replacement)";
  }

  @Override
  public Options options() {
    return OPTIONS.options();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("greylist takes no arguments, only options");
    }
    ConfigFile config = SectionOptions.configFile(line);
    GreylistSettings settings =
        config.section("greylist", GreylistSettings.class, OPTIONS.overrides(line));
    try (DaemonLauncher launcher = new DaemonLauncher(terminal, IoSettings.from(line, config))) {
      start(settings, Path.of("."), launcher);
      return launcher.runUntilStopped();
    }
  }

  /** Starts the service and its server on the launcher; shared with {@code postern stack}. */
  static void start(GreylistSettings settings, Path dataDir, DaemonLauncher launcher)
      throws Exception {
    GreylistService service =
        launcher.manage(
            GreylistService.start(
                settings, dataDir, Clock.systemUTC(), launcher.stats().service("greylist")));
    launcher.serve("greylist", List.of(settings.listen()), service.channelInitializer());
    launcher.postfixLines(postfixLines(settings.listen()));
  }

  /** The main.cf line that makes Postfix ask the greylist service at RCPT TO. */
  static List<String> postfixLines(ListenAddress listen) {
    return List.of(
        "smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination,"
            + " check_policy_service "
            + listen);
  }
}
