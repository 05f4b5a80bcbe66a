package org.postern.cli;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigFile;
import org.postern.screen.ScreenService;
import org.postern.screen.ScreenSettings;
import org.postern.screen.proxy.ScreenProxy;

/**
 * {@code postern screen}: the DNSBL/DNSWL screen as a Postfix policy service, or with {@code proxy}
 * the SMTP front proxy doing postscreen's tests before handing clients to smtpd with XCLIENT.
 */
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
    SETTINGS.put("dns-max-in-flight", "N|DNS queries unanswered at once, more wait (default 100)");
    SETTINGS.put("access-list", "FILE|cidr_table(5) file: NETWORK/PREFIX permit|reject|dunno");
    SETTINGS.put("cache-entries", "N|DNS answers and passes kept in memory (default 100000)");
    SETTINGS.put("min-ttl", "DURATION|shortest caching time (default 60s)");
    SETTINGS.put("max-ttl", "DURATION|longest caching time (default 1h)");
    SETTINGS.put("pass-cache", "WHERE|embedded (default) or redis://HOST:PORT shared by MX hosts");
    SETTINGS.put("redis-timeout", "DURATION|longest wait for one pass cache command (250ms)");
    SETTINGS.put("proxy-listen", "ADDR|proxy: where to listen (default inet:0.0.0.0:25)");
    SETTINGS.put("smtpd", "ADDR|proxy: Postfix smtpd to hand off to (default 127.0.0.1:10025)");
    SETTINGS.put("greet-wait", "DURATION|proxy: wait after the 220- teaser (default 6s)");
    SETTINGS.put("greet-banner", "TEXT|proxy: text of its teaser and own greeting");
    SETTINGS.put("pregreet-action", "ACTION|proxy: ignore, enforce (default) or drop");
    SETTINGS.put("proxy-dnsbl-action", "ACTION|proxy: ignore, enforce (default) or drop");
    SETTINGS.put("pipelining-enable", "BOOL|proxy: run the pipelining deep test (default false)");
    SETTINGS.put("pipelining-action", "ACTION|proxy: ignore, enforce (default) or drop");
    SETTINGS.put(
        "non-smtp-command-enable", "BOOL|proxy: run the non-SMTP command test (default false)");
    SETTINGS.put("non-smtp-command-action", "ACTION|proxy: ignore, enforce or drop (default)");
    SETTINGS.put("bare-newline-enable", "BOOL|proxy: run the bare newline test (default false)");
    SETTINGS.put("bare-newline-action", "ACTION|proxy: ignore (default), enforce or drop");
    SETTINGS.put("max-connections", "N|proxy: clients at once, then 421 4.3.2 (default 1000)");
    SETTINGS.put("max-connections-per-client", "N|proxy: connections per address (default 50)");
    SETTINGS.put("max-line-length", "N|proxy: longest command line it reads (default 2048)");
    SETTINGS.put("greet-pass-ttl", "DURATION|proxy: greeting test pass lifetime (default 1d)");
    SETTINGS.put("deep-pass-ttl", "DURATION|proxy: deep test pass lifetime (default 30d)");
  }

  private static final SectionOptions OPTIONS = new SectionOptions(SECTION, SETTINGS);

  @Override
  public String name() {
    return "screen";
  }

  @Override
  public String summary() {
    return "DNSBL/DNSWL screening policy service (postscreen's DNSBL test)";
  }

  @Override
  public String arguments() {
    return "[proxy]";
  }

  @Override
  public String description() {
    return String.join(
        "\n",
        "Without arguments, a check_policy_service for smtpd_client_restrictions.",
        "",
        "'proxy' runs the SMTP front proxy on port 25 (--listen or proxy-listen): access list,",
        "pass cache, a 220- teaser and greet-wait while DNSBLs answer, optional deep tests,",
        "then XCLIENT to smtpd (--smtpd) and byte splicing. Postfix must trust the proxy:",
        "  main.cf:   smtpd_authorized_xclient_hosts = 127.0.0.1",
        "  master.cf: 127.0.0.1:10025 inet n - n - - smtpd",
        "and nothing else may listen on port 25.");
  }

  @Override
  public Options options() {
    return OPTIONS.options();
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    List<String> words = line.getArgList();
    boolean proxy = words.equals(List.of("proxy"));
    if (!words.isEmpty() && !proxy) {
      throw new UsageException("expected no arguments (policy service) or 'proxy'");
    }
    Map<String, String> overrides = OPTIONS.overrides(line);
    if (proxy && overrides.containsKey("listen")) {
      // For the proxy, --listen is where the proxy listens.
      overrides.put("proxy-listen", overrides.remove("listen"));
    }
    ConfigFile config = SectionOptions.configFile(line);
    ScreenSettings settings = config.section(SECTION, ScreenSettings.class, overrides);
    try (DaemonLauncher launcher = new DaemonLauncher(terminal, IoSettings.from(line, config))) {
      if (proxy) {
        startProxy(settings, launcher);
      } else {
        start(settings, launcher);
      }
      return launcher.runUntilStopped();
    }
  }

  /** Starts the service and its server on the launcher; shared with {@code postern stack}. */
  static void start(ScreenSettings settings, DaemonLauncher launcher) throws Exception {
    ScreenService service =
        launcher.manage(
            ScreenService.start(settings, Clock.systemUTC(), launcher.stats().service("screen")));
    // The resolver and pass cache close once the server's requests in flight are answered.
    service.closeAfter(
        launcher.serve("screen", List.of(settings.listen()), service.channelInitializer()));
    launcher.postfixLines(postfixLines(settings.listen()));
  }

  /** Starts the SMTP front proxy on {@code proxy-listen}, handing off to {@code smtpd}. */
  static void startProxy(ScreenSettings settings, DaemonLauncher launcher) throws Exception {
    ScreenProxy proxy =
        launcher.manage(
            ScreenService.proxy(
                settings, Clock.systemUTC(), launcher.stats().service("screen-proxy")));
    launcher.serve(
        "screen-proxy",
        List.of(settings.proxyListen()),
        proxy.channelInitializer(),
        proxy.acceptLimit());
    launcher.postfixLines(proxyPostfixLines(settings.smtpd()));
  }

  /**
   * What Postfix needs behind the proxy: smtpd on the loopback address the proxy hands off to, and
   * trust in the proxy's XCLIENT.
   */
  static List<String> proxyPostfixLines(ListenAddress smtpd) {
    String host = smtpd instanceof ListenAddress.Inet inet ? inet.host() : "127.0.0.1";
    return List.of(
        "smtpd_authorized_xclient_hosts = " + host,
        "(master.cf) " + smtpdService(smtpd) + " inet n - n - - smtpd");
  }

  private static String smtpdService(ListenAddress smtpd) {
    if (smtpd instanceof ListenAddress.Inet inet) {
      return (inet.host().contains(":") ? "[" + inet.host() + "]" : inet.host())
          + ":"
          + inet.port();
    }
    return smtpd.toString();
  }

  /**
   * The main.cf line: client restrictions, which Postfix (smtpd_delay_reject=yes, the default)
   * evaluates at RCPT TO, so the rejection is logged with sender and recipient as postscreen does.
   */
  static List<String> postfixLines(ListenAddress listen) {
    return List.of("smtpd_client_restrictions = check_policy_service " + listen);
  }
}
