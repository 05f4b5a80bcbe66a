package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.common.server.ServerStartException;
import org.postern.common.stats.StatsHttpInitializer;

class DaemonLauncherTest {
  private final Terminal terminal =
      new Terminal(
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

  @Test
  void serversShareTheConfiguredNumberOfIoThreads() {
    try (DaemonLauncher one = new DaemonLauncher(terminal, new IoSettings(1));
        DaemonLauncher three = new DaemonLauncher(terminal, new IoSettings(3));
        DaemonLauncher defaults = new DaemonLauncher(terminal)) {
      assertThat(one.ioThreads()).isEqualTo(1);
      assertThat(three.ioThreads()).isEqualTo(3);
      assertThat(defaults.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
  }

  @Test
  void servesStatsJsonOverHttp() throws Exception {
    try (DaemonLauncher launcher = new DaemonLauncher(terminal)) {
      launcher.stats().service("probe").counter("requests").add(3);
      DaemonServer server =
          launcher.serve(
              "stats",
              List.of(ListenAddress.parse("inet:127.0.0.1:0")),
              new StatsHttpInitializer(launcher.stats()));
      ListenAddress.Inet bound = (ListenAddress.Inet) server.boundAddresses().get(0);
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bound.port() + "/stats"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode json = new ObjectMapper().readTree(response.body());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json.path("services").path("probe").path("counters").path("requests").asLong())
          .isEqualTo(3);
    }
  }

  @Test
  void aBusyAddressFailsNamingIt() throws Exception {
    try (DaemonLauncher first = new DaemonLauncher(terminal);
        DaemonLauncher second = new DaemonLauncher(terminal)) {
      DaemonServer server =
          first.serve(
              "stats",
              List.of(ListenAddress.parse("inet:127.0.0.1:0")),
              new StatsHttpInitializer(first.stats()));
      ListenAddress taken = server.boundAddresses().get(0);
      assertThatThrownBy(
              () -> second.serve("stats", List.of(taken), new StatsHttpInitializer(second.stats())))
          .isInstanceOf(ServerStartException.class)
          .hasMessageContaining(taken.toString());
    }
  }
}
