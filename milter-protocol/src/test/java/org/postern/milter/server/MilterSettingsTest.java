package org.postern.milter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postern.milter.server.ServerHarness.CONNECT;
import static org.postern.milter.server.ServerHarness.DATA;
import static org.postern.milter.server.ServerHarness.EOH;
import static org.postern.milter.server.ServerHarness.EOM;
import static org.postern.milter.server.ServerHarness.HELO;
import static org.postern.milter.server.ServerHarness.MAIL;
import static org.postern.milter.server.ServerHarness.POSTFIX_OFFER;
import static org.postern.milter.server.ServerHarness.RCPT;
import static org.postern.milter.server.ServerHarness.macro;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.common.config.ConfigException;
import org.postern.common.config.ConfigFile;
import org.postern.common.stats.StatsRegistry;
import org.postern.milter.builtin.AddHeaderSettings;
import org.postern.milter.builtin.LogSettings;
import org.postern.milter.filter.MilterFilterRegistry;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.Verdict;

class MilterSettingsTest {

  private static MilterSettings bind(String yaml) {
    return ConfigFile.parse("milter.yaml", yaml).section("milter", MilterSettings.class);
  }

  @Test
  void defaultsListenOnLoopback8891AndAddAHeaderAndLog() {
    MilterSettings settings = bind("");

    assertThat(settings.listen().toString()).isEqualTo("inet:127.0.0.1:8891");
    assertThat(settings.handlers())
        .containsExactly(new AddHeaderSettings("X-Postern-Milter", "checked"), new LogSettings());
    assertThat(settings.stageTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aFileReplacesTheChain() {
    MilterSettings settings =
        bind(
            "milter:\n"
                + "  listen: unix:/run/postern/milter.sock\n"
                + "  stage-timeout: 5s\n"
                + "  handlers:\n"
                + "    - {type: log}\n"
                + "    - {type: add-header, name: X-Postern-Checked, value: \"yes\"}\n");

    assertThat(settings.listen().toString()).isEqualTo("unix:/run/postern/milter.sock");
    assertThat(settings.stageTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.handlers())
        .containsExactly(new LogSettings(), new AddHeaderSettings("X-Postern-Checked", "yes"));
  }

  @Test
  void badHandlersAreReportedWithTheirLine() {
    assertThatThrownBy(() -> bind("milter:\n  handlers:\n    - {type: spam-check}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:3")
        .hasMessageContaining("unknown handler type 'spam-check', known: add-header, log");
    assertThatThrownBy(() -> bind("milter:\n  handlers:\n    - log\n    - {name: X}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:3");
    assertThatThrownBy(() -> bind("milter:\n  handlers:\n    - {type: log}\n    - {name: X}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("milter.yaml:4")
        .hasMessageContaining("a handler needs a type, one of: add-header, log");
    assertThatThrownBy(() -> bind("milter:\n  handlers:\n    - {type: add-header, value: x}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("header name");
    assertThatThrownBy(() -> bind("milter:\n  handlers:\n    - {type: log, name: X}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'name'");
    assertThatThrownBy(() -> bind("milter:\n  handlers: []\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least one handler");
  }

  @Test
  void theConfiguredChainAddsItsHeaderThroughTheServer() {
    MilterSettings settings =
        new MilterSettings(
            MilterSettings.defaults().listen(),
            List.of(
                new AddHeaderSettings("X-One", "1"),
                new LogSettings(),
                new AddHeaderSettings("X-Two", "2")),
            Duration.ofSeconds(30),
            MilterSettings.defaults().maxFrameSize());
    try (var chain = MilterFilterRegistry.installed().chain(settings.handlers());
        ServerHarness harness =
            new ServerHarness(
                MilterServer.fromSettings(
                    settings, chain, new StatsRegistry().service("milter")))) {
      harness.send(POSTFIX_OFFER, CONNECT, HELO, MAIL, RCPT, DATA, EOH);
      harness.takeFlushes();

      assertThat(harness.send(macro('E', "i", "QID1"), EOM))
          .containsExactly(
              new MessageModification.AddHeader("X-One", "1"),
              new MessageModification.AddHeader("X-Two", "2"),
              new Verdict.Continue());
      assertThat(harness.takeFlushes()).isEqualTo(1);
    }
  }
}
