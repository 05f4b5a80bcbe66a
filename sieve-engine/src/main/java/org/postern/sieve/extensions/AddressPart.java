package org.postern.sieve.extensions;

import org.postern.sieve.message.Addresses;
import org.postern.sieve.validation.BoundArguments;

/** Which part of an address a test compares (RFC 5228 2.7.4, RFC 5233). */
enum AddressPart {
  ALL,
  LOCALPART,
  DOMAIN,
  USER,
  DETAIL;

  private static final char SEPARATOR = '+';

  static AddressPart of(BoundArguments arguments) {
    for (AddressPart part : values()) {
      if (arguments.has(part.name().toLowerCase(java.util.Locale.ROOT))) {
        return part;
      }
    }
    return ALL;
  }

  /** The part of {@code address}, or {@code null} when it has none (a detail without '+'). */
  String extract(String address) {
    switch (this) {
      case ALL:
        return address;
      case LOCALPART:
        return Addresses.localPart(address);
      case DOMAIN:
        return Addresses.domain(address);
      case USER:
        {
          String local = Addresses.localPart(address);
          int plus = local.indexOf(SEPARATOR);
          return plus < 0 ? local : local.substring(0, plus);
        }
      case DETAIL:
        {
          String local = Addresses.localPart(address);
          int plus = local.indexOf(SEPARATOR);
          return plus < 0 ? null : local.substring(plus + 1);
        }
      default:
        return address;
    }
  }
}
