package org.postern.bench.milter;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.server.MilterServer;

/**
 * A milter whose filter answers CONTINUE to everything and changes nothing: the server's own cost,
 * for the load driver and the Postfix overhead run. It switches every step but end of message off,
 * as a libmilter filter without callbacks does. {@code NoopMilterServer inet:127.0.0.1:PORT} serves
 * until stopped.
 */
public final class NoopMilterServer {
  private NoopMilterServer() {}

  /** A daemon server on {@code listen} running the no-op filter; not started yet. */
  public static DaemonServer create(ListenAddress listen) {
    return MilterServer.builder(
            () ->
                new MilterHandler() {
                  @Override
                  public MilterRequirements requirements() {
                    return MilterRequirements.none()
                        .withFlags(ProtocolFlag.STEP_SUPPRESSION.toArray(ProtocolFlag[]::new));
                  }
                })
        .build()
        .daemonServer(List.of(listen))
        .build();
  }

  /** Serves on the address in {@code args[0]} until the process is stopped. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: NoopMilterServer LISTEN_ADDRESS");
      System.exit(2);
    }
    DaemonServer server = create(ListenAddress.parse(args[0]));
    server.start();
    System.out.println("no-op milter listening on " + server.boundAddresses());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown().join();
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
