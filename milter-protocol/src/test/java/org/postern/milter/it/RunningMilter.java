package org.postern.milter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.postern.common.address.ListenAddress;
import org.postern.common.server.DaemonServer;
import org.postern.common.server.ServerStartException;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.server.MilterServer;

/** Our milter server listening on one address, which Postfix's smtpd (user postfix) may reach. */
final class RunningMilter implements AutoCloseable {
  private final DaemonServer server;
  private final ListenAddress address;

  private RunningMilter(DaemonServer server) {
    this.server = server;
    this.address = server.boundAddresses().get(0);
  }

  /** Starts a milter with {@code handlers} on {@code address}; force-closes at once on close. */
  static RunningMilter start(ListenAddress address, Supplier<? extends MilterHandler> handlers) {
    DaemonServer server =
        MilterServer.builder(handlers)
            .stageTimeout(Duration.ofSeconds(10))
            .build()
            .daemonServer(List.of(address))
            .shutdownGrace(Duration.ZERO)
            .build();
    try {
      server.start();
    } catch (ServerStartException e) {
      throw new IllegalStateException(e);
    }
    if (address instanceof ListenAddress.Unix unix) {
      allowPostfix(unix.path());
    }
    return new RunningMilter(server);
  }

  /** The bound address in Postfix notation, e.g. {@code inet:127.0.0.1:40123}. */
  ListenAddress address() {
    return address;
  }

  /** Postfix's smtpd runs as user postfix: give its group the socket and the way to it. */
  private static void allowPostfix(Path socket) {
    try {
      GroupPrincipal postfix =
          socket
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByGroupName("postfix");
      Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(postfix);
      Path directory = socket.getParent();
      Files.getFileAttributeView(directory, PosixFileAttributeView.class).setGroup(postfix);
      Files.setPosixFilePermissions(
          directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the milter socket to Postfix", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
