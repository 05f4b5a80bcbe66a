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
