package org.postern.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.common.address.ListenAddress;

class ConfigFileTest {

  private static final String FULL =
      """
      srs:
        listen: unix:/run/postern/srs.sock
        domain: example.org
        hash-length: 6
        enabled: false
        mode: defer-if-permit
        max-age: 35d
        max-size: 1MiB
        peers:
          - mx1.example.org
          - mx2.example.org
        secrets: /etc/postern/srs.secrets
        limits:
          connections: 7
          timeout: 250ms
      """;

  private static SampleConfig srs(String yaml) {
    return ConfigFile.parse("config.yaml", yaml).section("srs", SampleConfig.class);
  }

  private static ConfigException srsError(String yaml, Map<String, String> overrides) {
    ConfigFile file = ConfigFile.parse("config.yaml", yaml);
    return org.junit.jupiter.api.Assertions.assertThrows(
        ConfigException.class, () -> file.section("srs", SampleConfig.class, overrides));
  }

  @Test
  void bindsEveryValueKind() {
    SampleConfig config = srs(FULL);

    assertThat(config.listen()).isEqualTo(ListenAddress.parse("unix:/run/postern/srs.sock"));
    assertThat(config.domain()).isEqualTo("example.org");
    assertThat(config.hashLength()).isEqualTo(6);
    assertThat(config.enabled()).isFalse();
    assertThat(config.mode()).isEqualTo(SampleConfig.Mode.DEFER_IF_PERMIT);
    assertThat(config.maxAge()).isEqualTo(Duration.ofDays(35));
    assertThat(config.maxSize()).isEqualTo(ByteSize.ofBytes(1 << 20));
    assertThat(config.peers()).containsExactly("mx1.example.org", "mx2.example.org");
    assertThat(config.secrets()).isEqualTo(Path.of("/etc/postern/srs.secrets"));
    assertThat(config.limits()).isEqualTo(new SampleConfig.Limits(7, Duration.ofMillis(250)));
  }

  @Test
  void missingSectionEmptyFileAndNoFileGiveTheDefaults() {
    assertThat(srs("greylist:\n  listen: inet:127.0.0.1:10023\n"))
        .isEqualTo(SampleConfig.defaults());
    assertThat(srs("")).isEqualTo(SampleConfig.defaults());
    assertThat(srs("srs:\n")).isEqualTo(SampleConfig.defaults());
    assertThat(ConfigFile.empty().section("srs", SampleConfig.class))
        .isEqualTo(SampleConfig.defaults());
  }

  @Test
  void absentKeysKeepDefaultsAndNestedRecordsMergeKeyByKey() {
    SampleConfig config =
        srs(
            """
            srs:
              domain: example.net
              limits:
                timeout: 5m
              secrets:
            """);

    SampleConfig defaults = SampleConfig.defaults();
    assertThat(config.domain()).isEqualTo("example.net");
    assertThat(config.listen()).isEqualTo(defaults.listen());
    assertThat(config.maxSize()).isEqualTo(defaults.maxSize());
    assertThat(config.secrets()).isNull();
    assertThat(config.limits())
        .isEqualTo(new SampleConfig.Limits(defaults.limits().connections(), Duration.ofMinutes(5)));
  }

  @Test
  void unknownKeyNamesFileLineSectionAndKnownKeys() {
    ConfigException error =
        srsError(
            """
            greylist:
              listen: inet:127.0.0.1:10023
            srs:
              domain: example.org
              listn: inet:127.0.0.1:10003
            """,
            Map.of());

    assertThat(error.location()).isEqualTo("config.yaml:5");
    assertThat(error)
        .hasMessage(
            "config.yaml:5: unknown key 'listn' in section 'srs' (known: listen, domain,"
                + " hash-length, enabled, mode, max-age, max-size, peers, secrets, limits)");
  }

  @Test
  void unknownNestedKeyNamesTheNestedRecord() {
    ConfigException error =
        srsError(
            """
            srs:
              limits:
                connections: 3
                timout: 5s
            """,
            Map.of());

    assertThat(error)
        .hasMessage(
            "config.yaml:4: unknown key 'timout' in 'srs.limits' (known: connections, timeout)");
  }

  @Test
  void badIntegerNamesLineKeyAndExpectedType() {
    ConfigException error = srsError("srs:\n  domain: example.org\n  hash-length: abc\n", Map.of());

    assertThat(error)
        .hasMessage("config.yaml:3: bad value 'abc' for 'srs.hash-length': expected an integer");
  }

  @Test
  void badValuesOfEachKindSayWhatWasExpected() {
    assertThat(srsError("srs:\n  enabled: 1\n", Map.of()))
        .hasMessage("config.yaml:2: bad value '1' for 'srs.enabled': expected true or false");
    assertThat(srsError("srs:\n  hash-length: 4.5\n", Map.of()))
        .hasMessage("config.yaml:2: bad value '4.5' for 'srs.hash-length': expected an integer");
    assertThat(srsError("srs:\n  hash-length: 99999999999\n", Map.of()).getMessage())
        .startsWith("config.yaml:2: bad value '99999999999' for 'srs.hash-length': expected an");
    assertThat(srsError("srs:\n  mode: maybe\n", Map.of()))
        .hasMessage(
            "config.yaml:2: bad value 'maybe' for 'srs.mode': expected one of: dunno,"
                + " defer-if-permit");
    assertThat(srsError("srs:\n  peers: mx.example.org\n", Map.of()))
        .hasMessage("config.yaml:2: bad value 'mx.example.org' for 'srs.peers': expected a list");
    assertThat(srsError("srs:\n  limits: 5\n", Map.of()))
        .hasMessage(
            "config.yaml:2: bad value '5' for 'srs.limits': expected a mapping with keys:"
                + " connections, timeout");
    assertThat(srsError("srs:\n  max-age: 3 weeks\n", Map.of()))
        .hasMessageStartingWith(
            "config.yaml:2: bad value for 'srs.max-age': invalid duration '3 weeks'")
        .hasMessageContaining(DurationText.EXPECTED_FORM);
    assertThat(srsError("srs:\n  max-size: 1TB\n", Map.of()))
        .hasMessageStartingWith("config.yaml:2: bad value for 'srs.max-size': invalid size '1TB'")
        .hasMessageContaining(ByteSize.EXPECTED_FORM);
  }

  @Test
  void badListenAddressKeepsItsOwnMessage() {
    ConfigException error = srsError("srs:\n\n  listen: inet:localhost\n", Map.of());

    assertThat(error.location()).isEqualTo("config.yaml:3");
    assertThat(error.problem())
        .startsWith("bad value for 'srs.listen': invalid address 'inet:localhost'")
        .contains(ListenAddress.EXPECTED_FORMS);
  }

  @Test
  void badListItemNamesItsIndexAndLine() {
    ConfigException error =
        srsError(
            """
            srs:
              peers:
                - mx1.example.org
                - [nested, list]
            """,
            Map.of());

    assertThat(error.location()).isEqualTo("config.yaml:4");
    assertThat(error.problem()).contains("'srs.peers[1]'").contains("expected a string");
  }

  @Test
  void recordValidationIsReportedAtTheKeyLine() {
    ConfigException named = srsError("srs:\n  domain: example.org\n  hash-length: 2\n", Map.of());
    assertThat(named)
        .hasMessage(
            "config.yaml:3: bad value '2' for 'srs.hash-length': must be at least 4, got 2");

    ConfigException nested = srsError("srs:\n  limits:\n    connections: 0\n", Map.of());
    assertThat(nested)
        .hasMessage("config.yaml:2: invalid 'srs.limits': connections must be positive, got 0");
  }

  @Test
  void overridesReplaceFileValues() {
    ConfigFile file = ConfigFile.parse("config.yaml", FULL);

    SampleConfig config =
        file.section(
            "srs",
            SampleConfig.class,
            Map.of(
                "domain", "override.example",
                "hash-length", "9",
                "enabled", "true",
                "max-age", "2h",
                "peers", "a.example, b.example",
                "limits.connections", "11"));

    assertThat(config.domain()).isEqualTo("override.example");
    assertThat(config.hashLength()).isEqualTo(9);
    assertThat(config.enabled()).isTrue();
    assertThat(config.maxAge()).isEqualTo(Duration.ofHours(2));
    assertThat(config.peers()).containsExactly("a.example", "b.example");
    assertThat(config.limits()).isEqualTo(new SampleConfig.Limits(11, Duration.ofMillis(250)));
    assertThat(config.listen()).isEqualTo(ListenAddress.parse("unix:/run/postern/srs.sock"));
  }

  @Test
  void overridesApplyWithoutAFile() {
    SampleConfig config =
        ConfigFile.empty().section("srs", SampleConfig.class, Map.of("listen", "inet:[::1]:2525"));

    assertThat(config.listen()).isEqualTo(new ListenAddress.Inet("::1", 2525));
  }

  @Test
  void overrideWithBadValueNamesTheOption() {
    ConfigException error = srsError(FULL, Map.of("hash-length", "abc"));

    assertThat(error.location()).isEqualTo("--hash-length");
    assertThat(error)
        .hasMessage("--hash-length: bad value 'abc' for 'srs.hash-length': expected an integer");

    assertThat(srsError(FULL, Map.of("listen", "nowhere")).getMessage())
        .startsWith("--listen: bad value for 'srs.listen': invalid address 'nowhere'");
    assertThat(srsError(FULL, Map.of("hash-length", "3")).location()).isEqualTo("--hash-length");
    assertThat(srsError(FULL, Map.of("limits.connections", "0")))
        .hasMessage(
            "config.yaml:13 and --limits.connections: invalid 'srs.limits': connections must be"
                + " positive, got 0");
    assertThat(srsError(FULL, Map.of("listn", "x")).getMessage())
        .startsWith("--listn: unknown key 'listn' in section 'srs'");
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    assertThatThrownBy(
            () ->
                ConfigFile.parse(
                    "config.yaml",
                    """
                    srs:
                      domain: example.org
                      listen: [inet:127.0.0.1:1
                    greylist:
                      x: y
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config.yaml:4: YAML syntax error");
  }

  @Test
  void duplicateKeysAreSyntaxErrors() {
    assertThatThrownBy(() -> ConfigFile.parse("config.yaml", "srs:\n  domain: a\n  domain: b\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config.yaml:3: ")
        .hasMessageContaining("domain");
  }

  @Test
  void topLevelAndSectionMustBeMappings() {
    assertThatThrownBy(() -> ConfigFile.parse("config.yaml", "- a\n- b\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config.yaml:1: the top level must be a mapping");
    assertThat(srsError("greylist: {}\nsrs: 12\n", Map.of()))
        .hasMessageStartingWith("config.yaml:2: section 'srs' must be a mapping");
  }

  @Test
  void unknownSectionsAreRejectedOnRequest() {
    ConfigFile file = ConfigFile.parse("config.yaml", "srs: {}\n\ngreylst:\n  listen: x\n");

    assertThat(file.sectionNames()).containsExactly("greylst", "srs");
    assertThatThrownBy(() -> file.requireKnownSections(List.of("srs", "greylist")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config.yaml:3: unknown section 'greylst' (known: srs, greylist)");
  }

  @Test
  void loadReadsTheFileAndNamesItInErrors(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("postern.yaml");
    Files.writeString(file, "srs:\n  hash-length: 8\n  listn: x\n");

    ConfigFile config = ConfigFile.load(file);

    assertThat(config.name()).isEqualTo(file.toString());
    assertThatThrownBy(() -> config.section("srs", SampleConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":3: unknown key 'listn'");
    assertThatThrownBy(() -> ConfigFile.load(directory.resolve("missing.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing.yaml");
  }

  @Test
  void aRecordWithoutDefaultsIsAProgrammingError() {
    record NoDefaults(int value) {}

    assertThatThrownBy(() -> ConfigFile.empty().section("x", NoDefaults.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("defaults()");
  }
}
