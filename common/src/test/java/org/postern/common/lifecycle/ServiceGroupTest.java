package org.postern.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postern.common.address.ListenAddress;
import org.postern.common.executor.BoundedExecutor;
import org.postern.common.server.DaemonServer;

@Timeout(30)
class ServiceGroupTest {

  /** A service whose shutdown completes only when the test says so. */
  private static final class ControlledService implements Service {
    final String name;
    final Duration grace;
    final CompletableFuture<Void> stopped = new CompletableFuture<>();
    volatile boolean shutdownCalled;

    ControlledService(String name, Duration grace) {
      this.name = name;
      this.grace = grace;
    }

    @Override
    public String serviceName() {
      return name;
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      shutdownCalled = true;
      return stopped;
    }

    @Override
    public Duration shutdownGrace() {
      return grace;
    }
  }

  private static DaemonServer startedServer(String name) throws IOException {
    DaemonServer server =
        DaemonServer.builder(name)
            .addresses(List.of(new ListenAddress.Inet("127.0.0.1", 0)))
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {}
                })
            .build();
    server.start();
    return server;
  }

  @Test
  void shutsEveryServiceDownInParallel() throws Exception {
    ServiceGroup group = new ServiceGroup();
    ControlledService slow = group.add(new ControlledService("slow", Duration.ofSeconds(20)));
    ControlledService quick = group.add(new ControlledService("quick", Duration.ofSeconds(20)));
    DaemonServer server = group.add(startedServer("server"));
    BoundedExecutor executor = group.add(BoundedExecutor.builder("work").threads(1).build());
    SocketAddress address = server.boundAddresses().get(0).toSocketAddress();

    CompletableFuture<Void> stopped = group.shutdown();
    assertThat(slow.shutdownCalled).isTrue();
    assertThat(quick.shutdownCalled).isTrue();
    quick.stopped.complete(null);
    server.shutdown().get(10, TimeUnit.SECONDS);
    executor.shutdown().get(10, TimeUnit.SECONDS);
    assertThat(stopped).isNotDone();

    slow.stopped.complete(null);
    stopped.get(10, TimeUnit.SECONDS);
    assertThat(group.shutdown()).isSameAs(stopped);
    assertThat(accepts(address)).as("the server still accepts after shutdown").isFalse();
    server.close();
  }

  // A connection to a closed ephemeral port can, rarely, connect to itself (TCP simultaneous
  // open when the kernel picks that port as the source): that is no server accepting.
  private static boolean accepts(SocketAddress address) {
    try (SocketChannel channel = SocketChannel.open(address)) {
      return !channel.getLocalAddress().equals(channel.getRemoteAddress());
    } catch (IOException refused) {
      return false;
    }
  }

  @Test
  void awaitShutdownReturnsOnceShutDown() throws Exception {
    ServiceGroup group = new ServiceGroup();
    ControlledService service = group.add(new ControlledService("svc", Duration.ofSeconds(20)));
    CountDownLatch returned = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              try {
                group.awaitShutdown();
                returned.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.start();
    group.shutdown();
    assertThat(returned.getCount()).isEqualTo(1);
    service.stopped.complete(null);
    assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
    waiter.join();
  }

  @Test
  void shutdownHookStopsEverything() throws Exception {
    ServiceGroup group = new ServiceGroup();
    DaemonServer server = group.add(startedServer("hooked"));
    Thread hook = group.newShutdownHook();
    hook.start();
    hook.join();
    assertThat(server.shutdown()).isCompleted();
    assertThat(server.activeConnections()).isZero();
    server.close();
  }

  @Test
  void givesUpOnServicesPastTheirGraceOrFailing() throws Exception {
    ServiceGroup group = new ServiceGroup();
    ControlledService stuck = group.add(new ControlledService("stuck", Duration.ofMillis(50)));
    group.add(
        new Service() {
          @Override
          public String serviceName() {
            return "broken";
          }

          @Override
          public CompletableFuture<Void> shutdown() {
            throw new IllegalStateException("broken on purpose");
          }
        });
    ControlledService fine = group.add(new ControlledService("fine", Duration.ofSeconds(20)));
    fine.stopped.complete(null);
    group.shutdown().get(10, TimeUnit.SECONDS);
    assertThat(fine.shutdownCalled).isTrue();
    // The group's timeout must not leak into the service's own future.
    assertThat(stuck.stopped).isNotDone();
  }

  @Test
  void refusesServicesAddedAfterShutdown() {
    ServiceGroup group = new ServiceGroup();
    group.close();
    assertThatThrownBy(() -> group.add(new ControlledService("late", Duration.ofSeconds(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("late");
  }
}
