package org.postern.cli;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postern.common.address.ListenAddress;
import org.postern.common.lifecycle.Service;
import org.postern.common.lifecycle.ServiceGroup;
import org.postern.common.server.DaemonServer;
import org.postern.common.server.ServerStartException;
import org.postern.common.stats.StatsRegistry;
import org.postern.common.transport.Transport;

/**
 * Starts the servers of one {@code postern} process on shared event loops, prints where they listen
 * and the Postfix lines that use them, and runs until SIGTERM or Ctrl-C.
 */
final class DaemonLauncher implements AutoCloseable {
  private final Terminal terminal;
  private final EventLoopGroup boss =
      new MultiThreadIoEventLoopGroup(1, Transport.preferred().ioHandlerFactory());
  // At most one I/O thread per core (IoSettings): Netty's default of two per core only adds context
  // switches for request/reply protocols whose work per request is small (measured on SRS maps).
  private final EventLoopGroup workers;
  private final ServiceGroup services = new ServiceGroup();
  private final StatsRegistry stats = new StatsRegistry();
  private final List<String> listening = new ArrayList<>();
  private final List<String> postfixLines = new ArrayList<>();

  DaemonLauncher(Terminal terminal) {
    this(terminal, IoSettings.defaults());
  }

  /** A launcher whose servers share {@code io.threads()} I/O threads. */
  DaemonLauncher(Terminal terminal, IoSettings io) {
    this.terminal = terminal;
    this.workers =
        new MultiThreadIoEventLoopGroup(io.threads(), Transport.preferred().ioHandlerFactory());
  }

  /** How many I/O threads the servers share. */
  int ioThreads() {
    int count = 0;
    for (var ignored : workers) {
      count++;
    }
    return count;
  }

  /** Counters of every service in this process. */
  StatsRegistry stats() {
    return stats;
  }

  /** Binds a server on the shared event loops; fails with the address that could not be bound. */
  DaemonServer serve(
      String name, List<ListenAddress> addresses, ChannelInitializer<Channel> protocol)
      throws ServerStartException {
    return serve(DaemonServer.builder(name), addresses, protocol);
  }

  /**
   * As {@link #serve(String, List, ChannelInitializer)}, accepting up to {@code maxConnections}.
   */
  DaemonServer serve(
      String name,
      List<ListenAddress> addresses,
      ChannelInitializer<Channel> protocol,
      int maxConnections)
      throws ServerStartException {
    return serve(DaemonServer.builder(name).maxConnections(maxConnections), addresses, protocol);
  }

  private DaemonServer serve(
      DaemonServer.Builder builder,
      List<ListenAddress> addresses,
      ChannelInitializer<Channel> protocol)
      throws ServerStartException {
    DaemonServer server =
        builder.addresses(addresses).childHandler(protocol).eventLoops(boss, workers).build();
    String name = server.serviceName();
    services.add(server);
    server.start();
    for (ListenAddress address : server.boundAddresses()) {
      listening.add(String.format("  %-10s %s", name, address));
    }
    return server;
  }

  /** Registers a non-network service (an executor, a store) to stop with the servers. */
  <S extends Service> S manage(S service) {
    return services.add(service);
  }

  /** Adds lines for main.cf that make Postfix use the services started here. */
  void postfixLines(List<String> lines) {
    postfixLines.addAll(lines);
  }

  /** Prints what listens where, then blocks until a signal stops every service. */
  int runUntilStopped() throws InterruptedException {
    services.installShutdownHook();
    terminal.out().println("listening:");
    listening.forEach(terminal.out()::println);
    if (!postfixLines.isEmpty()) {
      terminal.out().println();
      terminal.out().println("Postfix main.cf lines:");
      postfixLines.forEach(line -> terminal.out().println("  " + line));
    }
    terminal.out().println();
    terminal.out().println("running; stop with Ctrl-C or SIGTERM");
    terminal.out().flush();
    services.awaitShutdown();
    return Main.OK;
  }

  /** Stops every service, then the event loops; used after a failed start and at exit. */
  @Override
  public void close() {
    services.close();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
