package org.postern.bench;

/** The protocols the load driver speaks. */
public enum BenchProtocol {
  /** Postfix socketmap: netstrings, {@code NAME KEY}. */
  SOCKETMAP("socketmap"),
  /** Postfix tcp_table: {@code get KEY} lines, as postsrsd 1.x serves. */
  TCP_TABLE("tcp-table"),
  /** Postfix policy delegation: {@code name=value} requests, {@code action=...} replies. */
  POLICY("policy"),
  /**
   * Policy delegation to a DNSBL screen: each request from a new client address, or from one of
   * {@code --clients} addresses in turn (a warm cache).
   */
  SCREEN("screen"),
  /** A new SMTP connection per request, timed from connect to the final {@code 220 } line. */
  SMTP_GREETING("smtp-greeting");

  private final String commandName;

  BenchProtocol(String commandName) {
    this.commandName = commandName;
  }

  /** The name on the command line. */
  public String commandName() {
    return commandName;
  }

  /** The protocol named {@code name} on the command line. */
  public static BenchProtocol fromCommandName(String name) {
    for (BenchProtocol protocol : values()) {
      if (protocol.commandName.equals(name)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException(
        "unknown protocol '"
            + name
            + "' (expected socketmap, tcp-table, policy, screen or smtp-greeting)");
  }

  @Override
  public String toString() {
    return commandName;
  }
}
