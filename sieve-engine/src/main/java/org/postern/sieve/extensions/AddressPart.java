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

  static AddressPart of(BoundArguments arguments) {
    for (AddressPart part : values()) {
      if (arguments.has(part.name().toLowerCase(java.util.Locale.ROOT))) {
        return part;
      }
    }
    return ALL;
  }

  /**
   * The part of {@code address}, or {@code null} when it has none (a detail without a delimiter);
   * user and detail are split at the first of the {@code delimiters} characters.
   */
  String extract(String address, String delimiters) {
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
          int at = firstDelimiter(local, delimiters);
          return at < 0 ? local : local.substring(0, at);
        }
      case DETAIL:
        {
          String local = Addresses.localPart(address);
          int at = firstDelimiter(local, delimiters);
          return at < 0 ? null : local.substring(at + 1);
        }
      default:
        return address;
    }
  }

  private static int firstDelimiter(String local, String delimiters) {
    for (int i = 0; i < local.length(); i++) {
      if (delimiters.indexOf(local.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
