package org.postern.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private redis-server on a free loopback port, without persistence, for tests of stores that
 * several MX hosts share; {@link #stop()} simulates an outage.
 */
public final class RedisServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts redis-server (skipped, or failed under CI, when it is not installed), logging into
   * {@code logDirectory}, and waits until it accepts connections.
   */
  public static RedisServer start(Path logDirectory) throws IOException, InterruptedException {
    Path binary = Peers.require("redis-server");
    int port = FreePorts.allocate();
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(logDirectory.resolve("redis.log").toFile())
            .start();
    RedisServer server = new RedisServer(process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!server.accepting()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        server.close();
        throw new AssertionError("redis-server did not start on port " + port);
      }
      Thread.sleep(50);
    }
    return server;
  }

  /** The loopback port it listens on. */
  public int port() {
    return port;
  }

  /** Its address as Postern's config takes it: {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server and waits for it: the store behind it is now unreachable. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Whether it is still running. */
  public boolean running() {
    return process.isAlive();
  }

  /** Stops the server if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
