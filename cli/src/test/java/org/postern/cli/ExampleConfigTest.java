package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.postern.common.config.ConfigFile;
import org.postern.greylist.GreylistSettings;
import org.postern.milter.server.MilterSettings;
import org.postern.srs.SrsSettings;

/** The documented example configuration must load: operators copy it. */
class ExampleConfigTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "deploy", "postern.yaml");

  @Test
  void everySectionOfTheExampleBinds() {
    ConfigFile config = ConfigFile.load(EXAMPLE);
    config.requireKnownSections(StackCommand.SECTIONS);
    assertThat(config.section("stack", StackSettings.class).dataDir())
        .isEqualTo(Path.of("/var/lib/postern"));
    assertThat(config.section("stats", StatsSettings.class).listen())
        .hasToString("inet:127.0.0.1:9099");
    assertThat(config.section("milter", MilterSettings.class).handlers()).hasSize(3);
    assertThat(config.section("greylist", GreylistSettings.class).listen())
        .hasToString("inet:127.0.0.1:10023");
    assertThat(config.section("srs", SrsSettings.class).srsDomain()).isEqualTo("srs.example.com");
  }

  @Test
  void theSigningExampleOfTheOperationsGuideBinds() {
    String yaml =
        "milter:\n"
            + "  handlers:\n"
            + "    - type: dkim-sign\n"
            + "      keys:\n"
            + "        example.com:\n"
            + "          - selector: 2026a\n"
            + "            key-file: /etc/postern/dkim/2026a.private\n"
            + "            active: true\n"
            + "    - type: dkim-verify\n"
            + "      authserv-id: mx.example.com\n";
    assertThat(
            ConfigFile.parse("operations.md", yaml)
                .section("milter", MilterSettings.class)
                .handlers())
        .hasSize(2);
  }
}
