package org.postern.screen.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

class UdpDnsResolverTest {
  // Long enough that nothing in these tests ends by timing out.
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void closingReleasesTheSocketsAndTheThreadAndFailsWaitingQueries() throws Exception {
    try (LoopbackDnsServer server = new LoopbackDnsServer()) {
      UdpDnsResolver resolver = UdpDnsResolver.create(List.of(server.address()), TIMEOUT);
      AtomicReference<Thread> resolverThread = new AtomicReference<>();
      List<CompletableFuture<DnsAnswer>> answered = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answered.add(
            resolver
                .lookup(i + ".answer.test")
                .whenComplete((answer, error) -> resolverThread.set(Thread.currentThread())));
      }
      for (CompletableFuture<DnsAnswer> answer : answered) {
        assertThat(answer.get(10, TimeUnit.SECONDS).listed()).isTrue();
      }
      CompletableFuture<DnsAnswer> waiting = resolver.lookup("silent.test");
      server.awaitQuery("silent.test");
      assertThat(waiting).isNotDone();
      Thread thread = resolverThread.get();
      assertThat(thread.isAlive()).isTrue();

      resolver.close();

      assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(DnsLookupException.class);
      assertThat(resolver.terminationFuture().await(10, TimeUnit.SECONDS)).isTrue();
      thread.join(10_000);
      assertThat(thread.isAlive()).as("resolver thread still running").isFalse();
      assertThat(server.sourcePorts()).isNotEmpty();
      for (int port : server.sourcePorts()) {
        // Bindable again: the resolver's socket on that port is closed.
        try (DatagramSocket rebound =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
          assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
      }
      assertThatThrownBy(() -> resolver.lookup("1.answer.test").get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(DnsLookupException.class);
      resolver.close(); // twice is harmless
    }
  }

  @Test
  void closingAScreensResolverChainClosesTheUdpResolver() throws Exception {
    try (LoopbackDnsServer server = new LoopbackDnsServer()) {
      UdpDnsResolver udp = UdpDnsResolver.create(List.of(server.address()), TIMEOUT);
      DnsblResolver chain =
          new CachingResolver(
              new InFlightLimitedResolver(udp, 10, 100, TIMEOUT, System::nanoTime),
              100,
              new TtlBounds(Duration.ofMinutes(1), Duration.ofHours(1)),
              System::nanoTime);
      assertThat(chain.lookup("1.answer.test").get(10, TimeUnit.SECONDS).listed()).isTrue();

      chain.close();

      assertThat(udp.terminationFuture().await(10, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> chain.lookup("2.answer.test").get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(DnsLookupException.class);
    }
  }

  /**
   * A DNS server on a loopback UDP port: names under {@code answer.test} get {@code 127.0.0.2},
   * others no answer at all. Records the source ports queries came from.
   */
  private static final class LoopbackDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Set<Integer> sourcePorts = ConcurrentHashMap.newKeySet();
    private final Set<String> asked = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    LoopbackDnsServer() throws SocketException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      thread = new Thread(this::serve, "loopback-dns");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    Set<Integer> sourcePorts() {
      return sourcePorts;
    }

    void awaitQuery(String name) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!asked.contains(name + ".")) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no query for " + name);
        }
        Thread.sleep(10);
      }
    }

    private void serve() {
      byte[] buffer = new byte[512];
      while (!socket.isClosed()) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
          sourcePorts.add(packet.getPort());
          Message query = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
          Record question = query.getQuestion();
          asked.add(question.getName().toString());
          if (!question.getName().toString().endsWith(".answer.test.")) {
            continue;
          }
          Message response = new Message(query.getHeader().getID());
          response.getHeader().setFlag(Flags.QR);
          response.addRecord(question, Section.QUESTION);
          response.addRecord(
              new ARecord(
                  question.getName(),
                  DClass.IN,
                  300,
                  InetAddress.getByAddress(new byte[] {127, 0, 0, 2})),
              Section.ANSWER);
          byte[] wire = response.toWire();
          socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
        } catch (IOException e) {
          // closed, or garbage: keep serving until closed
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
