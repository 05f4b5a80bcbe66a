package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Postfix with its own configuration, queue, data directory, log and SMTP port, all in a
 * fresh temporary directory, so tests never touch /etc/postfix and several instances coexist.
 *
 * <p>Loopback only, no DNS, no chroot. Starting needs root and the postfix binary: when either is
 * missing the calling test is skipped, or fails under {@code CI=true} (see {@link Peers}).
 *
 * <pre>{@code
 * try (CapturingSmtpSink sink = CapturingSmtpSink.start();
 *     PrivatePostfix postfix =
 *         PrivatePostfix.builder().relayDomain("remote.test", sink.port()).start()) {
 *   Swaks.builder().port(postfix.smtpPort()).to("someone@remote.test").run();
 * }
 * }</pre>
 */
public final class PrivatePostfix implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PrivatePostfix.class);

  /** Set to {@code true} to keep each instance's directory after close, for debugging. */
  public static final String KEEP_DIRECTORY_PROPERTY = "postern.test.keep-postfix";

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration MASTER_EXIT_TIMEOUT = Duration.ofSeconds(15);
  private static final int LOG_TAIL_LINES = 40;
  private static final int START_ATTEMPTS = 3;

  private final Path postfixCommand;
  private final PostfixConfiguration configuration;
  private final int smtpPort;
  private final Thread shutdownHook;
  private boolean closed;

  private PrivatePostfix(Path postfixCommand, PostfixConfiguration configuration, int smtpPort) {
    this.postfixCommand = postfixCommand;
    this.configuration = configuration;
    this.smtpPort = smtpPort;
    // A test JVM killed mid-run (Ctrl-C, surefire timeout) must not leave Postfix running.
    this.shutdownHook = new Thread(this::stopProcesses, "private-postfix-" + smtpPort + "-stop");
  }

  /** A builder with the loopback, DNS-free defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port smtpd listens on at 127.0.0.1. */
  public int smtpPort() {
    return smtpPort;
  }

  /** The host smtpd listens on, always {@code 127.0.0.1}. */
  public String smtpHost() {
    return "127.0.0.1";
  }

  /** The instance's temporary directory, holding etc/, queue/, data/ and the log. */
  public Path directory() {
    return configuration.configDirectory().getParent();
  }

  /** The configuration directory (main.cf, master.cf, transport), for {@code postfix -c}. */
  public Path configDirectory() {
    return configuration.configDirectory();
  }

  /** The queue directory. */
  public Path queueDirectory() {
    return configuration.queueDirectory();
  }

  /** The Postfix log file written by postlogd. */
  public Path logFile() {
    return configuration.logFile();
  }

  /** The log so far ({@code ""} if nothing was logged yet). */
  public String log() {
    try {
      return Files.exists(logFile())
          ? new String(Files.readAllBytes(logFile()), StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile(), e);
    }
  }

  /**
   * Waits until the log contains {@code fragment} and returns the log.
   *
   * @throws AssertionError on timeout, with the log's tail
   */
  public String awaitLog(String fragment, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String log = log();
      if (log.contains(fragment)) {
        return log;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Postfix log did not show '" + fragment + "' within " + timeout + "; " + logTail());
      }
      sleep(Duration.ofMillis(100));
    }
  }

  /** Runs {@code postfix -c DIR ARGS...} (e.g. {@code "flush"}), returning its exit code. */
  public int postfix(String... arguments) {
    List<String> command = new ArrayList<>(List.of(postfixCommand.toString(), "-c"));
    command.add(configDirectory().toString());
    command.addAll(List.of(arguments));
    ExternalCommand.Outcome outcome = ExternalCommand.run(command, COMMAND_TIMEOUT);
    LOG.debug("{} -> {}: {}", command, outcome.exitCode(), outcome.output().strip());
    return outcome.exitCode();
  }

  /** Stops the instance ({@code postfix stop}, then kills leftovers) and deletes its directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook stops the processes.
    }
    stopProcesses();
    if (Boolean.getBoolean(KEEP_DIRECTORY_PROPERTY)) {
      LOG.info("keeping private Postfix directory {}", directory());
    } else {
      deleteRecursively(directory());
    }
  }

  private void start() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    List<String> command =
        List.of(postfixCommand.toString(), "-c", configDirectory().toString(), "start");
    ExternalCommand.Outcome outcome = ExternalCommand.run(command, COMMAND_TIMEOUT);
    if (outcome.exitCode() != 0) {
      throw failedStart(
          "`" + String.join(" ", command) + "` exited with " + outcome.exitCode(), outcome);
    }
    long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
    while (!accepting()) {
      long masterPid = masterPid();
      if (masterPid > 0 && !LinuxProcesses.isRunning(masterPid)) {
        throw failedStart("the master process " + masterPid + " exited", outcome);
      }
      if (System.nanoTime() > deadline) {
        throw failedStart(
            "smtpd did not listen on 127.0.0.1:" + smtpPort + " within " + COMMAND_TIMEOUT,
            outcome);
      }
      sleep(Duration.ofMillis(100));
    }
    LOG.info("private Postfix up on 127.0.0.1:{} in {}", smtpPort, directory());
  }

  private PostfixStartException failedStart(String what, ExternalCommand.Outcome outcome) {
    RuntimeException stopFailure = null;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      stopProcesses();
    } catch (RuntimeException e) {
      stopFailure = e;
    }
    // The master reports bind errors only to syslog, which tests do not have: probe ourselves.
    List<InetSocketAddress> busy = new ArrayList<>();
    for (InetSocketAddress listener : configuration.inetListeners()) {
      if (!bindable(listener)) {
        busy.add(listener);
      }
    }
    String diagnosis =
        busy.isEmpty()
            ? "(the master logs some start-up errors only to syslog; check master.cf and main.cf)"
            : "listen addresses of master.cf already in use by another process: " + busy;
    PostfixStartException failure =
        new PostfixStartException(
            "private Postfix in "
                + directory()
                + ": "
                + what
                + "\n"
                + diagnosis
                + "\npostfix output:\n"
                + outcome.output().strip()
                + "\n"
                + logTail(),
            busy.stream().anyMatch(address -> address.getPort() == smtpPort));
    if (stopFailure != null) {
      failure.addSuppressed(stopFailure);
    }
    return failure;
  }

  private static boolean bindable(InetSocketAddress address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(address);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), smtpPort), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void stopProcesses() {
    long masterPid = masterPid();
    if (masterPid > 0 && LinuxProcesses.isRunning(masterPid)) {
      postfix("stop");
      long deadline = System.nanoTime() + MASTER_EXIT_TIMEOUT.toNanos();
      while (LinuxProcesses.isRunning(masterPid) && System.nanoTime() < deadline) {
        sleep(Duration.ofMillis(50));
      }
    }
    // Anything still running from this instance (a stuck master or an orphaned daemon) is killed.
    for (ProcessHandle leftover :
        LinuxProcesses.ofPostfixInstance(directory(), configDirectory())) {
      LOG.warn("killing leftover process {} of private Postfix in {}", leftover.pid(), directory());
      leftover.destroyForcibly();
    }
  }

  private long masterPid() {
    Path pidFile = queueDirectory().resolve("pid").resolve("master.pid");
    try {
      String digits = Files.readString(pidFile).strip();
      return digits.isEmpty() ? -1 : Long.parseLong(digits);
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private String logTail() {
    List<String> lines = log().lines().toList();
    List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
    return "last " + tail.size() + " lines of " + logFile() + ":\n" + String.join("\n", tail);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure)
                throws IOException {
              Files.deleteIfExists(directory);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("cannot delete private Postfix directory {}: {}", root, e.toString());
    }
  }

  /** Collects settings for a {@link PrivatePostfix}; {@link #start()} creates and starts it. */
  public static final class Builder {

    private final Map<String, String> mainOverrides = new LinkedHashMap<>();
    private final List<String> masterExtras = new ArrayList<>();
    private final Map<String, String> transports = new LinkedHashMap<>();
    private final List<String> relayDomains = new ArrayList<>();

    private Builder() {}

    /** Sets a main.cf parameter, replacing the default for {@code key} if there is one. */
    public Builder mainCf(String key, String value) {
      if (key.isBlank() || !key.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("not a main.cf parameter name: '" + key + "'");
      }
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("main.cf value for " + key + " contains a line break");
      }
      mainOverrides.put(key, value);
      return this;
    }

    /**
     * Appends a line to master.cf (a service, or a {@code -o} continuation starting with space).
     */
    public Builder masterCfExtra(String line) {
      masterExtras.add(line);
      return this;
    }

    /**
     * Routes {@code domain} through {@code transport} (transport_maps syntax, e.g. {@code
     * lmtp:inet:127.0.0.1:2424}).
     */
    public Builder transport(String domain, String transport) {
      transports.put(domain, transport);
      return this;
    }

    /**
     * Accepts mail for {@code domain} from loopback clients and relays it to {@code
     * smtp:[127.0.0.1]:port}, typically a {@link CapturingSmtpSink}.
     */
    public Builder relayDomain(String domain, int port) {
      if (!relayDomains.contains(domain)) {
        relayDomains.add(domain);
      }
      return transport(domain, "smtp:[127.0.0.1]:" + port);
    }

    /**
     * Writes the configuration into a fresh temporary directory and starts Postfix on a free port;
     * returns once smtpd accepts connections.
     *
     * @throws PostfixStartException when Postfix does not come up (with its output and log tail)
     */
    public PrivatePostfix start() {
      Peers.requireRoot();
      Path postfixCommand = Peers.require("postfix");
      // Another process may take the free port before Postfix binds it: then try a new one.
      for (int attempt = 1; ; attempt++) {
        try {
          return start(postfixCommand);
        } catch (PostfixStartException e) {
          if (attempt >= START_ATTEMPTS || !e.smtpPortTaken()) {
            throw e;
          }
          LOG.warn("private Postfix lost its port to another process, retrying: {}", e.toString());
        }
      }
    }

    private PrivatePostfix start(Path postfixCommand) {
      int port = FreePorts.allocate();
      Path directory = createDirectory();
      PostfixConfiguration configuration =
          new PostfixConfiguration(
              directory, port, mainOverrides, masterExtras, transports, relayDomains);
      PrivatePostfix postfix = new PrivatePostfix(postfixCommand, configuration, port);
      try {
        writeFiles(configuration);
        postfix.start();
        return postfix;
      } catch (RuntimeException e) {
        postfix.closed = true;
        if (!Boolean.getBoolean(KEEP_DIRECTORY_PROPERTY)) {
          deleteRecursively(directory);
        }
        throw e;
      }
    }

    private static Path createDirectory() {
      try {
        Path directory = Files.createTempDirectory("postern-postfix-");
        // Postfix daemons run as the postfix user and must reach the queue inside.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for a private Postfix", e);
      }
    }

    private static void writeFiles(PostfixConfiguration configuration) {
      try {
        // The queue directory must exist, root-owned; `postfix start` creates what is inside.
        Files.createDirectories(configuration.configDirectory());
        Files.createDirectories(configuration.queueDirectory());
        Files.writeString(
            configuration.configDirectory().resolve("main.cf"), configuration.mainCf());
        Files.writeString(
            configuration.configDirectory().resolve("master.cf"), configuration.masterCf());
        Files.writeString(configuration.transportFile(), configuration.transportTable());
        Files.createFile(configuration.logFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the private Postfix configuration", e);
      }
    }
  }
}
