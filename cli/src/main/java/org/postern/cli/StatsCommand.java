package org.postern.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.postern.common.address.InvalidListenAddressException;
import org.postern.common.address.ListenAddress;

/** {@code postern stats}: fetches a running stack's counters and prints them for people. */
final class StatsCommand implements Command {
  static final String DEFAULT_ADDRESS = "inet:127.0.0.1:9099";

  @Override
  public String name() {
    return "stats";
  }

  @Override
  public String summary() {
    return "print the counters and latencies of a running stack";
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("stats")
            .hasArg()
            .argName("ADDR")
            .desc("stats address of the running stack (default " + DEFAULT_ADDRESS + ")")
            .get());
    options.addOption(
        Option.builder().longOpt("json").desc("print the raw JSON instead of a table").get());
    return options;
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("stats takes no arguments");
    }
    ListenAddress address;
    try {
      address = ListenAddress.parse(line.getOptionValue("stats", DEFAULT_ADDRESS));
    } catch (InvalidListenAddressException e) {
      throw new UsageException("--stats: " + e.getMessage());
    }
    if (!(address instanceof ListenAddress.Inet inet)) {
      throw new UsageException("--stats must be an inet: address, the stats endpoint is HTTP");
    }
    String host = inet.host().indexOf(':') >= 0 ? "[" + inet.host() + "]" : inet.host();
    URI uri = URI.create("http://" + host + ":" + inet.port() + "/stats");
    String body = fetch(uri, address);
    JsonNode root = new ObjectMapper().readTree(body);
    if (line.hasOption("json")) {
      terminal.out().println(root.toPrettyString());
    } else {
      terminal.out().print(StatsTable.render(root));
    }
    return Main.OK;
  }

  private static String fetch(URI uri, ListenAddress address)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException("nothing answers at " + address + " (is 'postern stack' running?)", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  /** Renders the stats JSON as an aligned, rspamc-like listing. */
  static final class StatsTable {
    private StatsTable() {}

    static String render(JsonNode root) {
      StringBuilder text = new StringBuilder();
      JsonNode uptime = root.path("uptime-seconds");
      if (uptime.isNumber()) {
        text.append("Uptime: ").append(formatUptime(uptime.asLong())).append('\n');
      }
      for (Map.Entry<String, JsonNode> service : root.path("services").properties()) {
        text.append('\n').append(service.getKey()).append(":\n");
        for (Map.Entry<String, JsonNode> counter :
            service.getValue().path("counters").properties()) {
          text.append(
              String.format(
                  Locale.ROOT, "  %-28s %12d%n", counter.getKey(), counter.getValue().asLong()));
        }
        for (Map.Entry<String, JsonNode> latency :
            service.getValue().path("latency").properties()) {
          JsonNode value = latency.getValue();
          text.append(
              String.format(
                  Locale.ROOT,
                  "  %-28s %12d  mean %.2f ms  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%n",
                  "latency " + latency.getKey(),
                  value.path("count").asLong(),
                  value.path("mean-ms").asDouble(),
                  value.path("p50-ms").asDouble(),
                  value.path("p90-ms").asDouble(),
                  value.path("p99-ms").asDouble()));
        }
      }
      return text.toString();
    }

    private static String formatUptime(long seconds) {
      long days = seconds / 86_400;
      long hours = seconds % 86_400 / 3_600;
      long minutes = seconds % 3_600 / 60;
      return (days > 0 ? days + "d " : "") + hours + "h " + minutes + "m " + seconds % 60 + "s";
    }
  }
}
