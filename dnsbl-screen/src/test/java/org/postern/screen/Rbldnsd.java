package org.postern.screen;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postern.testing.Peers;

/** A real rbldnsd in the foreground on a loopback UDP port, serving zones written by the test. */
public final class Rbldnsd implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final Path directory;

  private Rbldnsd(Process process, int port, Path directory) {
    this.process = process;
    this.port = port;
    this.directory = directory;
  }

  /**
   * Starts serving {@code zones}: zone name to {@code "TYPE|file text"}, e.g. {@code
   * "ip4set|127.0.0.2\n"}; answers carry a TTL of 300 s.
   */
  public static Rbldnsd start(Map<String, String> zones) throws Exception {
    Path binary = Peers.require("rbldnsd");
    // Started as root, rbldnsd reads its zones as the unprivileged rbldns user: so a readable
    // directory outside JUnit's private temporary directories.
    Path directory =
        Files.createTempDirectory(
            "postern-rbldnsd",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    int port = freeUdpPort();
    List<String> command = new ArrayList<>();
    // -n: stay in the foreground; -t: the TTL answers carry.
    command.addAll(
        List.of(
            binary.toString(),
            "-n",
            "-t",
            "300",
            "-b",
            "127.0.0.1/" + port,
            "-w",
            directory.toString()));
    for (Map.Entry<String, String> zone : zones.entrySet()) {
      String[] typeAndData = zone.getValue().split("\\|", 2);
      Path file = directory.resolve(zone.getKey() + ".zone");
      Files.writeString(file, typeAndData[1], StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      command.add(zone.getKey() + ":" + typeAndData[0] + ":" + file.getFileName());
    }
    Path log = directory.resolve("rbldnsd.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Rbldnsd server = new Rbldnsd(process, port, directory);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.readString(log).contains("started")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String output = Files.readString(log);
        server.close();
        throw new IllegalStateException("rbldnsd did not start:\n" + output);
      }
      Thread.sleep(50);
    }
    if (Files.readString(log).contains("will not be serviced")) {
      String output = Files.readString(log);
      server.close();
      throw new IllegalStateException("rbldnsd refused a zone:\n" + output);
    }
    return server;
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    }
  }

  /** The UDP port it answers on. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:PORT}, for dns-servers. */
  public String server() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Only a leftover temporary directory.
    }
  }
}
