package org.postern.common.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatsHttpInitializerTest {
  private final StatsRegistry registry = new StatsRegistry();
  private final EmbeddedChannel channel = new EmbeddedChannel(new StatsHttpInitializer(registry));

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  /** A raw HTTP response read back from the embedded channel. */
  private record RawResponse(String statusLine, String headers, String body) {
    String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  private RawResponse exchange(String request) {
    channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    StringBuilder raw = new StringBuilder();
    for (ByteBuf buffer = channel.readOutbound(); buffer != null; buffer = channel.readOutbound()) {
      raw.append(buffer.toString(StandardCharsets.UTF_8));
      buffer.release();
    }
    String text = raw.toString();
    int headersEnd = text.indexOf("\r\n\r\n");
    assertThat(headersEnd).as("a complete response to %s", request).isPositive();
    int firstLineEnd = text.indexOf("\r\n");
    RawResponse response =
        new RawResponse(
            text.substring(0, firstLineEnd),
            text.substring(firstLineEnd + 2, headersEnd),
            text.substring(headersEnd + 4));
    assertThat(response.body().getBytes(StandardCharsets.UTF_8))
        .hasSize(Integer.parseInt(response.header("content-length")));
    return response;
  }

  @Test
  void statsAnswersJsonAndKeepsTheConnection() throws Exception {
    registry.service("srs").counter("requests").add(3);

    RawResponse response = exchange("GET /stats HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
    JsonNode json = new ObjectMapper().readTree(response.body());
    assertThat(json.at("/services/srs/counters/requests").asLong()).isEqualTo(3);
    assertThat(channel.isOpen()).isTrue();

    registry.service("srs").counter("requests").increment();
    RawResponse second = exchange("GET /stats?pretty HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertThat(new ObjectMapper().readTree(second.body()).at("/services/srs/counters/requests"))
        .hasToString("4");
  }

  @Test
  void metricsAnswersPrometheusText() {
    registry.service("greylist").counter("outcome.defer").add(2);

    RawResponse response = exchange("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(response.header("content-type"))
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    PrometheusSamples samples = PrometheusSamples.parse(response.body());
    assertThat(samples.value("postern_outcome_defer_total{service=\"greylist\"}")).isEqualTo(2);
  }

  @Test
  void unknownPathIsNotFound() {
    RawResponse response = exchange("GET /admin HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertThat(response.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void otherMethodsAreNotAllowed() {
    RawResponse response =
        exchange("POST /stats HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}");

    assertThat(response.statusLine()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
    assertThat(response.header("allow")).isEqualTo("GET");
  }

  @Test
  void connectionCloseIsHonoured() {
    RawResponse response =
        exchange("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(response.header("connection")).isEqualToIgnoringCase("close");
    channel.runPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void http10KeepAliveIsAnsweredInKind() {
    RawResponse response = exchange("GET /stats HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

    assertThat(response.statusLine()).isEqualTo("HTTP/1.0 200 OK");
    assertThat(response.header("connection")).isEqualToIgnoringCase("keep-alive");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void malformedRequestIsBadRequestAndCloses() {
    RawResponse response = exchange("GET /stats HTTP/1.1\r\nBroken header line\r\n\r\n");

    assertThat(response.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
    channel.runPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void servesOverARealLoopbackSocket() throws Exception {
    registry.service("srs").counter("requests").add(11);
    registry.service("srs").latency("request").record(Duration.ofMillis(3));
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(new StatsHttpInitializer(registry))
              .bind(new InetSocketAddress("127.0.0.1", 0))
              .sync()
              .channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

      HttpResponse<String> stats =
          client.send(get(port, "/stats"), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> metrics =
          client.send(get(port, "/metrics"), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> missing =
          client.send(get(port, "/nothing"), HttpResponse.BodyHandlers.ofString());

      assertThat(stats.statusCode()).isEqualTo(200);
      JsonNode json = new ObjectMapper().readTree(stats.body());
      assertThat(json.at("/services/srs/counters/requests").asLong()).isEqualTo(11);
      assertThat(json.at("/services/srs/latency/request/count").asLong()).isEqualTo(1);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      PrometheusSamples samples = PrometheusSamples.parse(metrics.body());
      assertThat(samples.value("postern_requests_total{service=\"srs\"}")).isEqualTo(11);
      assertThat(samples.value("postern_request_seconds_count{service=\"srs\"}")).isEqualTo(1);
      assertThat(missing.statusCode()).isEqualTo(404);
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }

  private static HttpRequest get(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
  }
}
