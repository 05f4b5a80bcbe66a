package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Hands out loopback TCP ports that were free a moment ago, never the same one twice per JVM. */
public final class FreePorts {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();
  private static final int ATTEMPTS = 100;

  private FreePorts() {}

  /** A port on 127.0.0.1 that the kernel just reported free and this JVM has not handed out. */
  public static synchronized int allocate() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = probe();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no new free port after " + ATTEMPTS + " attempts");
  }

  private static int probe() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind an ephemeral port on loopback", e);
    }
  }
}
