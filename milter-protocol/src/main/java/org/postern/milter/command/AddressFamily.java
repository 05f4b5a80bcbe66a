package org.postern.milter.command;

import java.util.Optional;

/** The address family of a CONNECT (libmilter's SMFIA_*). */
public enum AddressFamily {
  /** SMFIA_UNKNOWN: no port and no address follow. */
  UNKNOWN('U'),
  /** SMFIA_UNIX: a local socket; port (0) and path follow. */
  UNIX('L'),
  /** SMFIA_INET: IPv4 port and address. */
  INET('4'),
  /** SMFIA_INET6: IPv6 port and address. */
  INET6('6');

  private final char code;

  AddressFamily(char code) {
    this.code = code;
  }

  /** The family character on the wire. */
  public char code() {
    return code;
  }

  /** The family with wire character {@code code}, if any. */
  public static Optional<AddressFamily> ofCode(int code) {
    for (AddressFamily family : values()) {
      if (family.code == code) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }
}
