package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;
import org.postern.common.config.ConfigException;
import org.postern.common.config.ConfigFile;

class SrsSettingsTest {

  private static SrsSettings bind(String yaml) {
    return ConfigFile.parse("postern.yaml", yaml).section("srs", SrsSettings.class);
  }

  @Test
  void defaultsListenOnTheStackPortWithoutDomainOrSecrets() {
    SrsSettings settings = ConfigFile.empty().section("srs", SrsSettings.class);
    assertThat(settings.listen()).containsExactly(ListenAddress.parse("inet:127.0.0.1:10003"));
    assertThat(settings.srsDomain()).isNull();
    assertThat(settings.secrets()).isNull();
    assertThat(settings.hashLength()).isEqualTo(4);
    assertThat(settings.maxAge()).isEqualTo(21);
    assertThat(settings.hashEncoding()).isEqualTo(HashEncoding.BASE64URL);
    assertThat(settings.separator()).isEqualTo("=");
  }

  @Test
  void bindsEveryKey() {
    SrsSettings settings =
        bind(
            "srs:\n"
                + "  listen: [inet:127.0.0.1:2000, unix:/run/srs.sock]\n"
                + "  srs-domain: srs.example.com\n"
                + "  secrets: /etc/postern/srs.secrets\n"
                + "  hash-length: 8\n"
                + "  hash-minimum: 6\n"
                + "  max-age: 30\n"
                + "  hash-encoding: base64\n"
                + "  separator: '+'\n"
                + "  domains: [example.com, .example.org]\n"
                + "  always-rewrite: true\n");
    assertThat(settings.listen())
        .containsExactly(
            ListenAddress.parse("inet:127.0.0.1:2000"), ListenAddress.parse("unix:/run/srs.sock"));
    assertThat(settings.srsDomain()).isEqualTo("srs.example.com");
    assertThat(settings.secrets()).isEqualTo(Path.of("/etc/postern/srs.secrets"));
    assertThat(settings.hashLength()).isEqualTo(8);
    assertThat(settings.hashMinimum()).isEqualTo(6);
    assertThat(settings.maxAge()).isEqualTo(30);
    assertThat(settings.hashEncoding()).isEqualTo(HashEncoding.BASE64);
    assertThat(settings.separator()).isEqualTo("+");
    assertThat(settings.domains()).containsExactly("example.com", ".example.org");
    assertThat(settings.alwaysRewrite()).isTrue();
  }

  @Test
  void optionsOverrideTheFile() {
    SrsSettings settings =
        ConfigFile.parse("postern.yaml", "srs:\n  srs-domain: a.example\n")
            .section(
                "srs",
                SrsSettings.class,
                Map.of("srs-domain", "b.example", "listen", "inet:127.0.0.1:1,inet:127.0.0.1:2"));
    assertThat(settings.srsDomain()).isEqualTo("b.example");
    assertThat(settings.listen()).hasSize(2);
  }

  @Test
  void aBadSeparatorNamesItsLine() {
    assertThatThrownBy(() -> bind("srs:\n  srs-domain: a.example\n  separator: '/'\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("postern.yaml:3")
        .hasMessageContaining("separator");
  }

  @Test
  void aHashMinimumAboveTheLengthNamesItsLine() {
    assertThatThrownBy(() -> bind("srs:\n  hash-length: 5\n  hash-minimum: 6\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("postern.yaml:3")
        .hasMessageContaining("hash-minimum");
  }

  @Test
  void rejectsOutOfRangeValues() {
    assertThatThrownBy(() -> bind("srs:\n  max-age: 0\n"))
        .hasMessageContaining("postern.yaml:2")
        .hasMessageContaining("max-age");
    assertThatThrownBy(() -> bind("srs:\n  hash-length: 28\n")).hasMessageContaining("hash-length");
    assertThatThrownBy(() -> bind("srs:\n  listen: []\n")).hasMessageContaining("listen");
    assertThatThrownBy(() -> bind("srs:\n  hash-encoding: hex\n"))
        .hasMessageContaining("hash-encoding");
  }

  @Test
  void rejectsABadDomainAndBadLocalDomains() {
    assertThatThrownBy(() -> bind("srs:\n  srs-domain: 'user@example.com'\n"))
        .hasMessageContaining("postern.yaml:2")
        .hasMessageContaining("srs-domain");
    assertThatThrownBy(() -> bind("srs:\n  domains: ['a b']\n")).hasMessageContaining("domains");
  }

  @Test
  void aBadOptionNamesTheOption() {
    assertThatThrownBy(
            () ->
                ConfigFile.empty()
                    .section("srs", SrsSettings.class, Map.of("hash-length", "three")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--hash-length");
  }

  @Test
  void theFactoryBuildsAWorkingRewriterFromTheFile(@TempDir Path directory) throws Exception {
    Path secrets = directory.resolve("srs.secrets");
    Files.writeString(secrets, SrsFixtures.SECRET + "\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
    SrsSettings settings =
        SrsSettings.defaults().withSrsDomain(SrsFixtures.SRS_DOMAIN).withSecrets(secrets);
    SrsRewriter rewriter =
        SrsRewriterFactory.create(settings, SrsFixtures.clockAt(SrsFixtures.VECTOR_TIME));
    assertThat(rewriter.forward("test@otherdomain.com"))
        .isEqualTo(new SrsResult.Rewritten("SRS0=vmyz=2W=otherdomain.com=test@example.com"));
  }

  @Test
  void theFactoryNamesAnOpenSecretsFile(@TempDir Path directory) throws Exception {
    Path secrets = directory.resolve("srs.secrets");
    Files.writeString(secrets, "s3cret\n");
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
    SrsSettings settings = SrsSettings.defaults().withSrsDomain("a.example").withSecrets(secrets);
    assertThatThrownBy(() -> SrsRewriterFactory.create(settings))
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining(secrets.toString());
  }

  @Test
  void theFactoryNeedsADomainAndSecrets(@TempDir Path directory) {
    assertThatThrownBy(() -> SrsRewriterFactory.create(SrsSettings.defaults()))
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining("srs-domain");
    assertThatThrownBy(
            () -> SrsRewriterFactory.create(SrsSettings.defaults().withSrsDomain("a.example")))
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining("secrets");
    Path missing = directory.resolve("missing.secrets");
    assertThatThrownBy(
            () ->
                SrsRewriterFactory.create(
                    SrsSettings.defaults().withSrsDomain("a.example").withSecrets(missing)))
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void postfixLinesUseTheListenAddress() {
    assertThat(SrsSocketmap.postfixLines(ListenAddress.parse("inet:127.0.0.1:10003")))
        .containsExactly(
            "sender_canonical_maps = socketmap:inet:127.0.0.1:10003:forward",
            "sender_canonical_classes = envelope_sender",
            "recipient_canonical_maps = socketmap:inet:127.0.0.1:10003:reverse",
            "recipient_canonical_classes = envelope_recipient, header_recipient");
    assertThat(SrsSocketmap.postfixLines(ListenAddress.parse("unix:/run/postern/srs.sock")))
        .contains("sender_canonical_maps = socketmap:unix:/run/postern/srs.sock:forward");
    assertThat(SrsSocketmap.postfixLines(ListenAddress.parse("inet:0.0.0.0:7")))
        .contains("recipient_canonical_maps = socketmap:inet:127.0.0.1:7:reverse");
    assertThat(List.copyOf(SrsSocketmap.postfixLines(ListenAddress.parse("inet:[::]:7"))))
        .contains("sender_canonical_maps = socketmap:inet:[::1]:7:forward");
  }
}
