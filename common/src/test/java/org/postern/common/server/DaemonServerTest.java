package org.postern.common.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postern.common.address.ListenAddress;

@Timeout(30)
class DaemonServerTest {

  private static final ListenAddress LOOPBACK_ANY_PORT = new ListenAddress.Inet("127.0.0.1", 0);

  private Path directory;
  private final TestProtocol protocol = new TestProtocol();

  @BeforeEach
  void createDirectory() throws IOException {
    // Unix socket paths are limited to about 100 bytes: stay directly under /tmp.
    directory = Files.createTempDirectory(Path.of("/tmp"), "pst");
  }

  @AfterEach
  void deleteDirectory() throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private DaemonServer.Builder builder(ListenAddress... addresses) {
    return DaemonServer.builder("test").addresses(List.of(addresses)).childHandler(protocol);
  }

  private ListenAddress.Unix socketIn(String name) {
    return new ListenAddress.Unix(directory.resolve(name));
  }

  @Test
  void echoesOverTcpOnTheKernelChosenPort() throws Exception {
    try (DaemonServer server = builder(LOOPBACK_ANY_PORT).build()) {
      server.start();
      ListenAddress bound = server.boundAddresses().get(0);
      assertThat(((ListenAddress.Inet) bound).port()).isPositive();
      try (TestClient client = TestClient.connect(bound.toSocketAddress())) {
        assertThat(client.exchange("hello")).isEqualTo("hello");
        assertThat(server.activeConnections()).isEqualTo(1);
      }
    }
  }

  @Test
  void echoesOverUnixSocketWithMode0660AndRemovesItOnShutdown() throws Exception {
    ListenAddress.Unix address = socketIn("echo.sock");
    try (DaemonServer server = builder(address).build()) {
      server.start();
      assertThat(server.boundAddresses()).containsExactly(address);
      assertThat(Files.getPosixFilePermissions(address.path()))
          .isEqualTo(UnixSocketFiles.SOCKET_MODE);
      try (TestClient client = TestClient.connect(address.toSocketAddress())) {
        assertThat(client.exchange("over unix")).isEqualTo("over unix");
      }
    }
    assertThat(address.path()).doesNotExist();
  }

  @Test
  void servesTcpAndUnixTogether() throws Exception {
    ListenAddress.Unix unix = socketIn("both.sock");
    try (DaemonServer server = builder(LOOPBACK_ANY_PORT, unix).build()) {
      server.start();
      assertThat(server.boundAddresses()).hasSize(2);
      try (TestClient tcp = TestClient.connect(server.boundAddresses().get(0).toSocketAddress());
          TestClient local = TestClient.connect(unix.toSocketAddress())) {
        assertThat(tcp.exchange("a")).isEqualTo("a");
        assertThat(local.exchange("b")).isEqualTo("b");
      }
    }
  }

  @Test
  void replacesStaleSocket() throws Exception {
    ListenAddress.Unix address = socketIn("stale.sock");
    // The JDK leaves the socket file behind on close: a stale socket, as after a crash.
    try (ServerSocketChannel previous = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      previous.bind(address.toSocketAddress());
    }
    assertThat(address.path()).exists();
    try (DaemonServer server = builder(address).build()) {
      server.start();
      try (TestClient client = TestClient.connect(address.toSocketAddress())) {
        assertThat(client.exchange("fresh")).isEqualTo("fresh");
      }
    }
  }

  @Test
  void refusesSocketSomeoneListensOn() throws Exception {
    ListenAddress.Unix address = socketIn("live.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(address.toSocketAddress());
      try (DaemonServer server = builder(address).build()) {
        assertThatThrownBy(server::start)
            .isInstanceOf(ServerStartException.class)
            .hasMessageContaining(address.path().toString());
      }
      assertThat(address.path()).exists();
    }
  }

  @Test
  void refusesPathThatIsNotSocket() throws Exception {
    ListenAddress.Unix address = socketIn("plain.txt");
    Files.writeString(address.path(), "keep me");
    try (DaemonServer server = builder(address).build()) {
      assertThatThrownBy(server::start)
          .isInstanceOf(ServerStartException.class)
          .hasMessageContaining(address.path().toString())
          .hasMessageContaining("not a socket");
    }
    assertThat(address.path()).hasContent("keep me");
  }

  @Test
  void bindFailureClosesAddressesBoundBefore() throws Exception {
    ListenAddress.Unix first = socketIn("first.sock");
    try (ServerSocket occupied = new ServerSocket()) {
      occupied.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      ListenAddress taken = new ListenAddress.Inet("127.0.0.1", occupied.getLocalPort());
      try (DaemonServer server = builder(first, taken).build()) {
        assertThatThrownBy(server::start)
            .isInstanceOfSatisfying(
                ServerStartException.class, e -> assertThat(e.address()).isEqualTo(taken))
            .hasMessageContaining(taken.toString());
        assertThat(first.path()).doesNotExist();
        assertThatThrownBy(() -> TestClient.connect(first.toSocketAddress()))
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void closesConnectionsBeyondTheLimit() throws Exception {
    try (DaemonServer server = builder(LOOPBACK_ANY_PORT).maxConnections(1).build()) {
      server.start();
      var address = server.boundAddresses().get(0).toSocketAddress();
      try (TestClient first = TestClient.connect(address)) {
        assertThat(first.exchange("one")).isEqualTo("one");
        try (TestClient extra = TestClient.connect(address)) {
          extra.send("two\n");
          assertThat(extra.readLine()).isNull();
        }
        assertThat(first.exchange("still here")).isEqualTo("still here");
      }
      awaitTrue(() -> server.activeConnections() == 0);
      try (TestClient later = TestClient.connect(address)) {
        assertThat(later.exchange("three")).isEqualTo("three");
      }
    }
  }

  @Test
  void closesIdleConnections() throws Exception {
    try (DaemonServer server =
        builder(LOOPBACK_ANY_PORT).idleTimeout(Duration.ofMillis(200)).build()) {
      server.start();
      try (TestClient client =
          TestClient.connect(server.boundAddresses().get(0).toSocketAddress())) {
        assertThat(client.readLine()).isNull();
      }
      awaitTrue(() -> server.activeConnections() == 0);
    }
  }

  @Test
  void shutdownWaitsForRequestInFlightAndClosesIdleConnectionsAtOnce() throws Exception {
    try (DaemonServer server =
        builder(LOOPBACK_ANY_PORT).shutdownGrace(Duration.ofSeconds(20)).build()) {
      server.start();
      var address = server.boundAddresses().get(0).toSocketAddress();
      try (TestClient busy = TestClient.connect(address);
          TestClient idle = TestClient.connect(address)) {
        assertThat(idle.exchange("hi")).isEqualTo("hi");
        busy.send("slow\n");
        assertThat(protocol.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        var stopped = server.shutdown();
        assertThat(idle.readLine()).isNull();
        assertThat(stopped).isNotDone();

        protocol.releaseSlow.complete(null);
        assertThat(busy.readLine()).isEqualTo("done");
        assertThat(busy.readLine()).isNull();
        stopped.get(10, TimeUnit.SECONDS);
      }
      assertThat(server.activeConnections()).isZero();
      assertThatThrownBy(() -> TestClient.connect(address)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void shutdownForcesRequestsStillInFlightAfterTheGrace() throws Exception {
    ListenAddress.Unix unix = socketIn("grace.sock");
    try (DaemonServer server = builder(unix).shutdownGrace(Duration.ofMillis(200)).build()) {
      server.start();
      try (TestClient busy = TestClient.connect(unix.toSocketAddress())) {
        busy.send("slow\n");
        assertThat(protocol.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        server.shutdown().get(10, TimeUnit.SECONDS);
        assertThat(busy.readLine()).isNull();
      }
      assertThat(unix.path()).doesNotExist();
    }
  }

  @Test
  void leavesSharedEventLoopsRunning() throws Exception {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      try (DaemonServer server = builder(LOOPBACK_ANY_PORT).eventLoops(boss, workers).build()) {
        server.start();
        try (TestClient client =
            TestClient.connect(server.boundAddresses().get(0).toSocketAddress())) {
          assertThat(client.exchange("shared")).isEqualTo("shared");
        }
      }
      assertThat(boss.isShuttingDown()).isFalse();
      assertThat(workers.isShuttingDown()).isFalse();
    } finally {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void shutdownOfUnstartedServerCompletes() {
    DaemonServer server = builder(LOOPBACK_ANY_PORT).build();
    assertThat(server.shutdown()).isCompleted();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void buildRejectsBadSettings() {
    assertThatThrownBy(() -> DaemonServer.builder("x").childHandler(protocol).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("address");
    assertThatThrownBy(
            () -> DaemonServer.builder("x").addresses(List.of(LOOPBACK_ANY_PORT)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("childHandler");
    assertThatThrownBy(() -> builder(LOOPBACK_ANY_PORT).maxConnections(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> builder(LOOPBACK_ANY_PORT).idleTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleTimeout");
    assertThatThrownBy(
            () -> builder(LOOPBACK_ANY_PORT).shutdownGrace(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shutdownGrace");
    assertThatThrownBy(() -> builder(LOOPBACK_ANY_PORT, LOOPBACK_ANY_PORT).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repeat");
    assertThatThrownBy(() -> builder(LOOPBACK_ANY_PORT).eventLoops(null, null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventLoops");
    assertThatThrownBy(
            () ->
                DaemonServer.builder(" ")
                    .addresses(List.of(LOOPBACK_ANY_PORT))
                    .childHandler(protocol)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service name");
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition within 10 s").isNegative();
      Thread.sleep(10);
    }
  }
}
