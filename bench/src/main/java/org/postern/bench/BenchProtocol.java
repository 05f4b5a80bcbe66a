package org.postern.bench;

/** The protocols the load driver speaks. */
public enum BenchProtocol {
  /** Postfix socketmap: netstrings, {@code NAME KEY}. */
  SOCKETMAP("socketmap"),
  /** Postfix tcp_table: {@code get KEY} lines, as postsrsd 1.x serves. */
  TCP_TABLE("tcp-table"),
  /** Postfix policy delegation: {@code name=value} requests, {@code action=...} replies. */
  POLICY("policy");

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
        "unknown protocol '" + name + "' (expected socketmap, tcp-table or policy)");
  }

  @Override
  public String toString() {
    return commandName;
  }
}
