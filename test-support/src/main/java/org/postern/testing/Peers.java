package org.postern.testing;

import java.nio.file.Path;

/**
 * Entry point for tests that need a real peer (Postfix, swaks, Dovecot...), root or shared test
 * data: returns what was asked for, or skips the test with a loud message, or fails it when the
 * environment has {@code CI=true}.
 */
public final class Peers {

  private static final PeerPolicy ENVIRONMENT = PeerPolicy.fromEnvironment();

  private Peers() {}

  /** The policy read from this JVM's environment. */
  public static PeerPolicy policy() {
    return ENVIRONMENT;
  }

  /** Whether this run is under CI ({@code CI=true}), where missing peers fail tests. */
  public static boolean underCi() {
    return ENVIRONMENT.ci();
  }

  /**
   * The path of the executable {@code name}, searched in PATH and the system directories ({@code
   * /usr/sbin}, {@code /usr/lib/postfix/sbin}...); skips or fails the test if absent.
   */
  public static Path require(String name) {
    return ENVIRONMENT.binary(name);
  }

  /** Returns when the JVM runs as root (needed to start Postfix), else skips or fails the test. */
  public static void requireRoot() {
    ENVIRONMENT.root();
  }

  /**
   * The existing path named by the given system property (e.g. the shared testdata directory);
   * skips or fails the test when it is unset or does not exist.
   */
  public static Path requireTestData(String systemProperty) {
    return ENVIRONMENT.testData(systemProperty);
  }
}
