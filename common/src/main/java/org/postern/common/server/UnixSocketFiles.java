package org.postern.common.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.postern.common.address.ListenAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares a unix socket path before bind and sets its mode after, as Postfix expects. */
final class UnixSocketFiles {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonServer.class);

  /** Mode 0660: Postfix's group may connect, others may not. */
  static final Set<PosixFilePermission> SOCKET_MODE =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE);

  private static final int FILE_TYPE_MASK = 0170000;
  private static final int FILE_TYPE_SOCKET = 0140000;

  private UnixSocketFiles() {}

  /**
   * Makes the path free to bind: a stale socket (nobody accepts on it) is deleted; a live socket or
   * anything that is not a socket is refused.
   */
  static void prepare(ListenAddress.Unix address) throws ServerStartException {
    Path path = address.path();
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!isSocket(address)) {
      throw new ServerStartException(address, path + " exists and is not a socket", null);
    }
    if (isLive(address)) {
      throw new ServerStartException(
          address, "another process is listening on socket " + path, null);
    }
    try {
      Files.deleteIfExists(path);
      LOG.info("removed stale socket {}", path);
    } catch (IOException e) {
      throw new ServerStartException(address, "cannot remove stale socket " + path, e);
    }
  }

  /** Sets mode 0660 on a freshly bound socket. */
  static void restrictMode(ListenAddress.Unix address) throws ServerStartException {
    try {
      Files.setPosixFilePermissions(address.path(), SOCKET_MODE);
    } catch (IOException | UnsupportedOperationException e) {
      throw new ServerStartException(address, "cannot set mode 0660 on " + address.path(), e);
    }
  }

  private static boolean isSocket(ListenAddress.Unix address) throws ServerStartException {
    Path path = address.path();
    try {
      Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return ((Integer) mode & FILE_TYPE_MASK) == FILE_TYPE_SOCKET;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // No "unix" attribute view: sockets are at least neither files, directories nor links.
      try {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .isOther();
      } catch (IOException io) {
        throw new ServerStartException(address, "cannot inspect " + path, io);
      }
    } catch (IOException e) {
      throw new ServerStartException(address, "cannot inspect " + path, e);
    }
  }

  // Non-blocking connect: refused means stale; accepted or pending means someone listens.
  private static boolean isLive(ListenAddress.Unix address) throws ServerStartException {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.configureBlocking(false);
      probe.connect(address.toSocketAddress());
      return true;
    } catch (ConnectException refused) {
      return false;
    } catch (IOException e) {
      throw new ServerStartException(
          address, "cannot tell whether socket " + address.path() + " is in use", e);
    }
  }
}
