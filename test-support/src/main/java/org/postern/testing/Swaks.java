package org.postern.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one message with the real swaks SMTP client, so tests exercise Postfix the way a mail
 * client would. The binary is found through {@link Peers}: a missing swaks skips the test, or fails
 * it under {@code CI=true}.
 */
public final class Swaks {

  private String host = "127.0.0.1";
  private int port = 25;
  private String from = "sender@example.test";
  private final List<String> recipients = new ArrayList<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String body;
  private String helo = "client.example.test";
  private final List<String> extraArguments = new ArrayList<>();
  private Duration timeout = Duration.ofSeconds(60);

  private Swaks() {}

  /** A run against 127.0.0.1:25 from {@code sender@example.test}; set at least a recipient. */
  public static Swaks builder() {
    return new Swaks();
  }

  /** The SMTP server to talk to; loopback only in tests. */
  public Swaks server(String host, int port) {
    this.host = host;
    this.port = port;
    return this;
  }

  /** The SMTP port on 127.0.0.1. */
  public Swaks port(int port) {
    return server("127.0.0.1", port);
  }

  /** The envelope sender (also used by swaks for the From header). */
  public Swaks from(String address) {
    this.from = address;
    return this;
  }

  /** Adds envelope recipients (also listed in the To header). */
  public Swaks to(String... addresses) {
    recipients.addAll(List.of(addresses));
    return this;
  }

  /** Adds or replaces a header, e.g. {@code header("Subject", "hello")}. */
  public Swaks header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The message body (swaks's default body when never set). */
  public Swaks body(String text) {
    this.body = text;
    return this;
  }

  /** The EHLO name. */
  public Swaks helo(String name) {
    this.helo = name;
    return this;
  }

  /** Further swaks arguments, passed verbatim (e.g. {@code "--quit-after", "RCPT"}). */
  public Swaks arguments(String... arguments) {
    extraArguments.addAll(List.of(arguments));
    return this;
  }

  /** How long swaks may run before it is killed (default 60 s). */
  public Swaks timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** The swaks command line, without the executable. */
  List<String> arguments() {
    if (recipients.isEmpty()) {
      throw new IllegalStateException("swaks needs at least one recipient: call to(...)");
    }
    List<String> arguments = new ArrayList<>();
    arguments.addAll(List.of("--server", host, "--port", Integer.toString(port)));
    arguments.addAll(List.of("--from", from, "--to", String.join(",", recipients)));
    arguments.addAll(List.of("--helo", helo));
    arguments.addAll(List.of("--timeout", timeout.toSeconds() + "s"));
    headers.forEach((name, value) -> arguments.addAll(List.of("--header", name + ": " + value)));
    if (body != null) {
      arguments.addAll(List.of("--body", body));
    }
    arguments.addAll(extraArguments);
    return arguments;
  }

  /**
   * Runs swaks and returns its exit code and transcript; does not fail on a refused message, so
   * tests can assert refusals too.
   *
   * @throws AssertionError when swaks outlives the timeout
   */
  public SwaksResult run() {
    List<String> command = new ArrayList<>();
    command.add(Peers.require("swaks").toString());
    command.addAll(arguments());
    // A little slack over swaks's own --timeout, which applies per SMTP step.
    ExternalCommand.Outcome outcome = ExternalCommand.run(command, timeout.plusSeconds(10));
    if (outcome.timedOut()) {
      throw new AssertionError("swaks timed out after " + timeout + ":\n" + outcome.output());
    }
    return new SwaksResult(outcome.exitCode(), outcome.output());
  }
}
