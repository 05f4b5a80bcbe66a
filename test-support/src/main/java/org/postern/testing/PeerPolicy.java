package org.postern.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides what a test does when a real peer, root or test data is missing: it is skipped with a
 * loud message, or it fails when running under CI, where everything must be present.
 *
 * <p>{@link Peers} is the static entry point using the real environment; this class takes the CI
 * flag, search path, root flag and system properties as values so the policy itself can be tested.
 */
public final class PeerPolicy {

  /** The command that installs every peer, quoted in each message. */
  public static final String INSTALL_HINT = "install with sudo examples/deploy/install-peers.sh";

  /** Directories Debian puts daemons and admin tools in, which a user's PATH often lacks. */
  static final List<Path> SYSTEM_DIRECTORIES =
      List.of(
          Path.of("/usr/sbin"),
          Path.of("/usr/bin"),
          Path.of("/sbin"),
          Path.of("/bin"),
          Path.of("/usr/local/sbin"),
          Path.of("/usr/local/bin"),
          Path.of("/usr/lib/postfix/sbin"),
          Path.of("/usr/lib/dovecot"));

  private final boolean ci;
  private final List<Path> searchDirectories;
  private final boolean root;
  private final Function<String, String> systemProperties;

  /**
   * A policy with explicit inputs.
   *
   * @param ci whether a missing requirement fails the test instead of skipping it
   * @param searchDirectories where binaries are looked for, in order
   * @param root whether the test JVM runs as root
   * @param systemProperties looks up a system property, returning null when it is unset
   */
  public PeerPolicy(
      boolean ci,
      List<Path> searchDirectories,
      boolean root,
      Function<String, String> systemProperties) {
    this.ci = ci;
    this.searchDirectories = List.copyOf(searchDirectories);
    this.root = root;
    this.systemProperties = systemProperties;
  }

  /** The policy of this JVM: {@code CI=true} in the environment, PATH plus system directories. */
  public static PeerPolicy fromEnvironment() {
    Map<String, String> environment = System.getenv();
    return new PeerPolicy(
        "true".equalsIgnoreCase(environment.get("CI")),
        searchPath(environment.get("PATH")),
        runsAsRoot(),
        System::getProperty);
  }

  /** PATH's directories followed by {@link #SYSTEM_DIRECTORIES}, without duplicates. */
  static List<Path> searchPath(String path) {
    Set<Path> directories = new LinkedHashSet<>();
    if (path != null) {
      for (String entry : path.split(":")) {
        if (!entry.isEmpty()) {
          directories.add(Path.of(entry));
        }
      }
    }
    directories.addAll(SYSTEM_DIRECTORIES);
    return new ArrayList<>(directories);
  }

  private static boolean runsAsRoot() {
    try {
      // /proc/self belongs to the process's effective uid.
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** Whether missing requirements fail tests rather than skip them. */
  public boolean ci() {
    return ci;
  }

  /** The directories binaries are searched in, in order. */
  public List<Path> searchDirectories() {
    return searchDirectories;
  }

  /** The executable named {@code name}, or skips/fails the current test when there is none. */
  public Path binary(String name) {
    for (Path directory : searchDirectories) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return missing("PEER MISSING: " + name + " not found; " + INSTALL_HINT);
  }

  /** Returns when the JVM runs as root, or skips/fails the current test. */
  public void root() {
    if (!root) {
      missing(
          "PEER MISSING: root privileges (a private Postfix must be started as root); "
              + "run the integration tests as root");
    }
  }

  /**
   * The existing file or directory named by a system property, or skips/fails the current test when
   * the property is unset or names nothing.
   */
  public Path testData(String systemProperty) {
    String value = systemProperties.apply(systemProperty);
    if (value == null || value.isBlank()) {
      return missing(
          "TEST DATA MISSING: system property "
              + systemProperty
              + " is not set; point it at the shared testdata directory");
    }
    Path path = Path.of(value);
    if (!Files.exists(path)) {
      return missing(
          "TEST DATA MISSING: " + path + " (from system property " + systemProperty + ")");
    }
    return path;
  }

  /**
   * Reports a missing requirement on stderr, then aborts the test (skipped) or, under CI, fails it.
   * Never returns normally; the return type lets callers write {@code return missing(...)}.
   */
  public <T> T missing(String message) {
    System.err.println("*** " + message + (ci ? " (CI=true: failing)" : " (skipping)") + " ***");
    if (ci) {
      return Assertions.fail(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable: Assumptions.abort returned");
  }
}
