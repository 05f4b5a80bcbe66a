package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostfixConfigurationTest {

  private static final Path DIRECTORY = Path.of("/tmp/postern-postfix-test");

  @Test
  void keepsEverythingInsideTheInstanceDirectory() {
    PostfixConfiguration configuration =
        new PostfixConfiguration(DIRECTORY, 12525, Map.of(), List.of(), Map.of(), List.of());

    Map<String, String> settings = configuration.mainSettings();

    assertThat(settings)
        .containsEntry("queue_directory", "/tmp/postern-postfix-test/queue")
        .containsEntry("data_directory", "/tmp/postern-postfix-test/data")
        .containsEntry("maillog_file", "/tmp/postern-postfix-test/postfix.log")
        .containsEntry("smtp_dns_support_level", "disabled")
        .containsEntry("mydestination", "")
        .containsEntry("transport_maps", "texthash:/tmp/postern-postfix-test/etc/transport");
    assertThat(settings.get("maillog_file_prefixes")).contains("/tmp/postern-postfix-test");
  }

  @Test
  void overridesReplaceDefaultsAndNewKeysAreAdded() {
    PostfixConfiguration configuration =
        new PostfixConfiguration(
            DIRECTORY,
            12525,
            Map.of("myhostname", "mx.other.test", "smtpd_milters", "inet:127.0.0.1:8891"),
            List.of(),
            Map.of(),
            List.of());

    String mainCf = configuration.mainCf();

    assertThat(mainCf).contains("\nmyhostname = mx.other.test\n");
    assertThat(mainCf).doesNotContain("mail.example.test");
    assertThat(mainCf).contains("\nsmtpd_milters = inet:127.0.0.1:8891\n");
  }

  @Test
  void relaysDomainsThroughTheTransportTable() {
    PostfixConfiguration configuration =
        new PostfixConfiguration(
            DIRECTORY,
            12525,
            Map.of(),
            List.of(),
            Map.of("remote.test", "smtp:[127.0.0.1]:2526"),
            List.of("remote.test", "foreign.test"));

    assertThat(configuration.mainSettings())
        .containsEntry("relay_domains", "remote.test, foreign.test");
    assertThat(configuration.transportTable()).isEqualTo("remote.test\tsmtp:[127.0.0.1]:2526\n");
  }

  @Test
  void masterCfListensOnLoopbackWithoutChrootAndAppendsExtras() {
    PostfixConfiguration configuration =
        new PostfixConfiguration(
            DIRECTORY,
            12525,
            Map.of(),
            List.of("10025 inet n - n - - smtpd", "  -o smtpd_milters="),
            Map.of(),
            List.of());

    List<String> lines = configuration.masterCf().lines().toList();

    assertThat(lines).contains("127.0.0.1:12525 inet n - n - - smtpd");
    assertThat(lines).anyMatch(line -> line.startsWith("postlog ") && line.contains("postlogd"));
    assertThat(lines.subList(lines.size() - 2, lines.size()))
        .containsExactly("10025 inet n - n - - smtpd", "  -o smtpd_milters=");
    for (String service : lines) {
      if (service.startsWith("#") || service.startsWith(" ")) {
        continue;
      }
      assertThat(service.trim().split("\\s+")[4]).as("chroot column of %s", service).isEqualTo("n");
    }
  }

  @Test
  void listsTheNumericInetListenersOfMasterCf() {
    PostfixConfiguration configuration =
        new PostfixConfiguration(
            DIRECTORY,
            12525,
            Map.of(),
            List.of(
                "10026 inet n - n - - smtpd",
                "  -o smtpd_milters=",
                "192.0.2.7:2500 inet n - n - - smtpd",
                "submission inet n - n - - smtpd",
                "8891 unix n - n - - smtpd"),
            Map.of(),
            List.of());

    assertThat(configuration.inetListeners())
        .containsExactly(
            new InetSocketAddress("127.0.0.1", 12525),
            new InetSocketAddress("127.0.0.1", 10026),
            new InetSocketAddress("192.0.2.7", 2500));
  }
}
