package org.postern.dkim.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.common.config.ConfigException;
import org.postern.common.config.ConfigFile;
import org.postern.milter.builtin.LogSettings;
import org.postern.milter.filter.FilterSetupException;
import org.postern.milter.filter.MilterFilterRegistry;
import org.postern.milter.server.MilterSettings;

class DkimFilterSettingsTest {

  private static MilterSettings bind(String yaml) {
    return ConfigFile.parse("milter.yaml", yaml).section("milter", MilterSettings.class);
  }

  @Test
  void theHandlersListBindsTheDkimTypesWithTheirOwnKeys() {
    MilterSettings settings =
        bind(
            "milter:\n"
                + "  handlers:\n"
                + "    - type: dkim-verify\n"
                + "      authserv-id: mx.example.org\n"
                + "      dns-servers: [127.0.0.1:5353]\n"
                + "      dns-timeout: 2s\n"
                + "      rsa-sha1: fail\n"
                + "      clock-skew: 10m\n"
                + "    - type: dkim-sign\n"
                + "      networks: [10.0.0.0/8]\n"
                + "      signing-domain: envelope-sender\n"
                + "      canonicalization: simple/relaxed\n"
                + "      keys:\n"
                + "        example.org:\n"
                + "          - {selector: s2025, key-file: /etc/postern/s2025.key}\n"
                + "          - {selector: s2024, key-file: /etc/postern/s2024.key, active: false}\n"
                + "    - {type: log}\n");

    assertThat(settings.handlers()).hasSize(3);
    DkimVerifySettings verify = (DkimVerifySettings) settings.handlers().get(0);
    assertThat(verify.authservId()).isEqualTo("mx.example.org");
    assertThat(verify.dnsServers()).containsExactly("127.0.0.1:5353");
    assertThat(verify.dnsTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(verify.networks()).containsExactly("127.0.0.0/8", "::1");
    assertThat(verify.rsaSha1()).isEqualTo(RsaSha1Treatment.FAIL);
    assertThat(verify.clockSkew()).isEqualTo(Duration.ofMinutes(10));
    DkimVerifySettings defaults = DkimVerifySettings.defaults();
    assertThat(defaults.rsaSha1()).isEqualTo(RsaSha1Treatment.PASS);
    assertThat(defaults.clockSkew()).isEqualTo(Duration.ofMinutes(5));
    DkimSignSettings sign = (DkimSignSettings) settings.handlers().get(1);
    assertThat(sign.networks()).containsExactly("10.0.0.0/8");
    assertThat(sign.signingDomain()).isEqualTo(SigningDomainSource.ENVELOPE_SENDER);
    assertThat(sign.keys().get("example.org"))
        .containsExactly(
            new SigningKeySettings("s2025", Path.of("/etc/postern/s2025.key"), true),
            new SigningKeySettings("s2024", Path.of("/etc/postern/s2024.key"), false));
    assertThat(settings.handlers().get(2)).isEqualTo(new LogSettings());
  }

  @Test
  void badDkimKeysAreReportedAtTheirLine() {
    assertThatThrownBy(
            () ->
                bind(
                    "milter:\n"
                        + "  handlers:\n"
                        + "    - type: dkim-sign\n"
                        + "      networks: [10.0.0.0/40]\n"
                        + "      keys: {example.org: [{selector: s1, key-file: /k}]}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:4")
        .hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> bind("milter:\n  handlers:\n    - {type: dkim-sign}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:3")
        .hasMessageContaining("dkim-sign needs keys");
    assertThatThrownBy(
            () -> bind("milter:\n  handlers:\n    - type: dkim-verify\n      dns-timout: 1s\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:4")
        .hasMessageContaining("unknown key 'dns-timout'");
    assertThatThrownBy(
            () -> bind("milter:\n  handlers:\n    - type: dkim-verify\n      rsa-sha1: maybe\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:4");
  }

  @Test
  void theSigningTableBindsWithSubdomainFallback() {
    MilterSettings settings =
        bind(
            "milter:\n"
                + "  handlers:\n"
                + "    - type: dkim-sign\n"
                + "      subdomain-fallback: true\n"
                + "      keys:\n"
                + "        example.org:\n"
                + "          - {selector: s2025, key-file: /etc/postern/s2025.key}\n"
                + "          - {selector: alice, key-file: /etc/postern/alice.key, active: false}\n"
                + "      signing-table:\n"
                + "        - {sender: \"Alice@Example.org\", domain: example.org, selector: alice,"
                + " identity: true}\n"
                + "        - {sender: \"*@example.net\", domain: Example.org}\n");

    DkimSignSettings sign = (DkimSignSettings) settings.handlers().get(0);
    assertThat(sign.subdomainFallback()).isTrue();
    assertThat(sign.signingTable())
        .containsExactly(
            new SigningTableEntrySettings("alice@example.org", "example.org", "alice", true),
            new SigningTableEntrySettings("*@example.net", "example.org", null, false));
  }

  @Test
  void badSigningTableEntriesAreReportedAtTheirLine() {
    String head =
        "milter:\n"
            + "  handlers:\n"
            + "    - type: dkim-sign\n"
            + "      keys: {example.org: [{selector: s1, key-file: /k}]}\n"
            + "      signing-table:\n";
    assertThatThrownBy(
            () ->
                bind(
                    head
                        + "        - {sender: \"*@example.org\", domain: example.org}\n"
                        + "        - sender: \"a*@example.org\"\n"
                        + "          domain: example.org\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:7")
        .hasMessageContaining("whole local part");
    assertThatThrownBy(
            () ->
                bind(
                    head
                        + "        - {sender: \"*@example.org\", domain: example.org}\n"
                        + "        - {sender: \"*@EXAMPLE.org\", domain: example.org}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:5")
        .hasMessageContaining("entries 1 and 2 both list sender *@example.org");
    assertThatThrownBy(
            () -> bind(head + "        - {sender: \"*@example.net\", domain: example.net}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:5")
        .hasMessageContaining("example.net, which has no keys");
    assertThatThrownBy(
            () ->
                bind(
                    head
                        + "        - {sender: \"*@example.org\", domain: example.org,"
                        + " selector: s9}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("names selector s9");
    assertThatThrownBy(
            () ->
                bind(
                    head
                        + "        - sender: \"*@example.net\"\n"
                        + "          domain: example.org\n"
                        + "          identity: true\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:8")
        .hasMessageContaining("i= must lie within d=example.org");
  }

  @Test
  void aMissingKeyFileFailsTheSetupNamingTheKey() {
    DkimSignSettings settings =
        DkimSignSettings.forDomain(
            "example.org",
            List.of(new SigningKeySettings("s1", Path.of("/nonexistent/s1.key"), true)));

    assertThatThrownBy(() -> MilterFilterRegistry.installed().create(settings))
        .isInstanceOf(FilterSetupException.class)
        .hasMessageContaining("dkim-sign: key s1 of example.org");
  }
}
