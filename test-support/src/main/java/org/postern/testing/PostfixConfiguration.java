package org.postern.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The main.cf, master.cf and transport table of one private Postfix instance: loopback only, no
 * DNS, no chroot, logging into its own file, everything under one directory.
 */
final class PostfixConfiguration {

  /** Services of Debian's master.cf with chroot off (only systemd's unit fills the chroot). */
  private static final List<String> STANDARD_SERVICES =
      List.of(
          "pickup    unix  n       -       n       60      1       pickup",
          "cleanup   unix  n       -       n       -       0       cleanup",
          "qmgr      unix  n       -       n       300     1       qmgr",
          "tlsmgr    unix  -       -       n       1000?   1       tlsmgr",
          "rewrite   unix  -       -       n       -       -       trivial-rewrite",
          "bounce    unix  -       -       n       -       0       bounce",
          "defer     unix  -       -       n       -       0       bounce",
          "trace     unix  -       -       n       -       0       bounce",
          "verify    unix  -       -       n       -       1       verify",
          "flush     unix  n       -       n       1000?   0       flush",
          "proxymap  unix  -       -       n       -       -       proxymap",
          "proxywrite unix -       -       n       -       1       proxymap",
          "smtp      unix  -       -       n       -       -       smtp",
          "relay     unix  -       -       n       -       -       smtp",
          "showq     unix  n       -       n       -       -       showq",
          "error     unix  -       -       n       -       -       error",
          "retry     unix  -       -       n       -       -       error",
          "discard   unix  -       -       n       -       -       discard",
          "local     unix  -       n       n       -       -       local",
          "virtual   unix  -       n       n       -       -       virtual",
          "lmtp      unix  -       -       n       -       -       lmtp",
          "anvil     unix  -       -       n       -       1       anvil",
          "scache    unix  -       -       n       -       1       scache",
          "postlog   unix-dgram n  -       n       -       1       postlogd");

  /** A numeric inet service field of master.cf: {@code PORT} or {@code IPv4:PORT}. */
  private static final Pattern NUMERIC_INET_SERVICE =
      Pattern.compile("(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d{1,5})");

  private final Path directory;
  private final int smtpPort;
  private final Map<String, String> mainOverrides;
  private final List<String> masterExtras;
  private final Map<String, String> transports;
  private final List<String> relayDomains;

  PostfixConfiguration(
      Path directory,
      int smtpPort,
      Map<String, String> mainOverrides,
      List<String> masterExtras,
      Map<String, String> transports,
      List<String> relayDomains) {
    this.directory = directory;
    this.smtpPort = smtpPort;
    this.mainOverrides = new LinkedHashMap<>(mainOverrides);
    this.masterExtras = List.copyOf(masterExtras);
    this.transports = new LinkedHashMap<>(transports);
    this.relayDomains = List.copyOf(relayDomains);
  }

  Path configDirectory() {
    return directory.resolve("etc");
  }

  Path queueDirectory() {
    return directory.resolve("queue");
  }

  Path dataDirectory() {
    return directory.resolve("data");
  }

  Path logFile() {
    return directory.resolve("postfix.log");
  }

  Path transportFile() {
    return configDirectory().resolve("transport");
  }

  /** The effective main.cf settings: defaults, then the caller's overrides. */
  Map<String, String> mainSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("compatibility_level", "3.6");
    settings.put("queue_directory", queueDirectory().toString());
    settings.put("data_directory", dataDirectory().toString());
    settings.put("myhostname", "mail.example.test");
    settings.put("mydomain", "example.test");
    settings.put("myorigin", "$mydomain");
    settings.put("mydestination", "");
    settings.put("local_transport", "error:5.1.1 local delivery is disabled in tests");
    settings.put("alias_maps", "");
    settings.put("alias_database", "");
    settings.put("inet_interfaces", "loopback-only");
    settings.put("inet_protocols", "ipv4");
    settings.put("mynetworks", "127.0.0.0/8");
    settings.put("smtpd_banner", "$myhostname ESMTP postern-test");
    settings.put("biff", "no");
    settings.put("append_dot_mydomain", "no");
    settings.put("readme_directory", "no");
    // No syslog daemon in containers: postlogd writes this file, whose prefix must be allowed.
    settings.put("maillog_file", logFile().toString());
    settings.put("maillog_file_prefixes", "/var, /dev/stdout, " + directory);
    // No DNS anywhere: numeric next hops, no client reverse lookups.
    settings.put("smtp_dns_support_level", "disabled");
    settings.put("lmtp_dns_support_level", "disabled");
    settings.put("smtp_host_lookup", "native");
    settings.put("lmtp_host_lookup", "native");
    settings.put("smtpd_peername_lookup", "no");
    settings.put("smtp_tls_security_level", "none");
    settings.put("smtpd_tls_security_level", "none");
    settings.put("relay_domains", String.join(", ", relayDomains));
    // texthash: needs no postmap step.
    settings.put("transport_maps", "texthash:" + transportFile());
    settings.put("smtpd_relay_restrictions", "permit_mynetworks, reject_unauth_destination");
    // Deferred mail is retried within seconds, not minutes.
    settings.put("queue_run_delay", "10s");
    settings.put("minimal_backoff_time", "10s");
    settings.put("maximal_backoff_time", "60s");
    settings.putAll(mainOverrides);
    return settings;
  }

  String mainCf() {
    StringBuilder text = new StringBuilder("# Private Postfix instance for a Postern test.\n");
    mainSettings()
        .forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
    return text.toString();
  }

  String masterCf() {
    StringBuilder text =
        new StringBuilder("# service type private unpriv chroot wakeup maxproc command\n");
    text.append("127.0.0.1:").append(smtpPort).append(" inet n - n - - smtpd\n");
    STANDARD_SERVICES.forEach(line -> text.append(line).append('\n'));
    masterExtras.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  String transportTable() {
    StringBuilder text = new StringBuilder();
    transports.forEach(
        (domain, transport) -> text.append(domain).append('\t').append(transport).append('\n'));
    return text.toString();
  }

  /**
   * The TCP addresses master.cf's inet services with numeric addresses listen on (a bare port means
   * 127.0.0.1 here); used to explain a failed start, since the master logs bind errors only to
   * syslog.
   */
  List<InetSocketAddress> inetListeners() {
    List<InetSocketAddress> listeners = new ArrayList<>();
    for (String line : masterCf().split("\n")) {
      if (line.isBlank() || line.startsWith("#") || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 2 || !fields[1].equals("inet")) {
        continue;
      }
      Matcher service = NUMERIC_INET_SERVICE.matcher(fields[0]);
      if (service.matches()) {
        String host = service.group(1) == null ? "127.0.0.1" : service.group(1);
        listeners.add(new InetSocketAddress(host, Integer.parseInt(service.group(2))));
      }
    }
    return listeners;
  }
}
