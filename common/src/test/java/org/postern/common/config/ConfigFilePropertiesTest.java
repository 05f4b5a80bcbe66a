package org.postern.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ConfigFilePropertiesTest {

  @Property
  void garbageDocumentsParseOrFailWithConfigException(@ForAll("yamlish") String text) {
    try {
      ConfigFile file = ConfigFile.parse("config.yaml", text);
      file.section("srs", SampleConfig.class);
    } catch (ConfigException expected) {
      assertThat(expected.location()).startsWith("config.yaml");
    }
  }

  @Property
  void garbageOverridesBindOrNameTheOption(
      @ForAll("keys") String key, @ForAll("values") String value) {
    try {
      ConfigFile.empty().section("srs", SampleConfig.class, Map.of(key, value));
    } catch (ConfigException expected) {
      assertThat(expected.location()).contains("--" + key);
    }
  }

  @Property
  void integerOverridesRoundTrip(@ForAll("hashLengths") int hashLength) {
    SampleConfig config =
        ConfigFile.empty()
            .section(
                "srs", SampleConfig.class, Map.of("hash-length", Integer.toString(hashLength)));
    assertThat(config.hashLength()).isEqualTo(hashLength);
  }

  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> fragments =
        Arbitraries.of(
            "srs:",
            "\n",
            "  ",
            "listen: ",
            "inet:127.0.0.1:25",
            "hash-length: ",
            "12",
            "abc",
            "[",
            "]",
            "{",
            "}",
            "- ",
            ":",
            "\"",
            "'",
            "#",
            "&a ",
            "*a",
            "max-age: ",
            "5m",
            "limits:",
            "    connections: ",
            "peers:",
            "\t",
            "!!int ",
            "~",
            "null");
    return Arbitraries.oneOf(
        fragments.list().ofMaxSize(30).map(parts -> String.join("", parts)),
        Arbitraries.strings().ofMaxLength(60));
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.of(
        "listen",
        "domain",
        "hash-length",
        "enabled",
        "mode",
        "max-age",
        "max-size",
        "peers",
        "secrets",
        "limits.connections",
        "limits.timeout",
        "listn");
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.of("0", "-1", "true", "yes", "4.5", "5m", "1MiB", "inet:[::1]:25", "dunno"));
  }

  @Provide
  Arbitrary<Integer> hashLengths() {
    return Arbitraries.integers().between(4, Integer.MAX_VALUE);
  }
}
