package org.postern.greylist;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP address literals without ever asking DNS. */
final class IpAddresses {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpAddresses() {}

  /** The address bytes (4 or 16; IPv4-mapped IPv6 becomes 4) or empty when not a literal. */
  static Optional<byte[]> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (IPV4.matcher(text).matches()) {
      String[] parts = text.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int value = Integer.parseInt(parts[i]);
        if (value > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) value;
      }
      return Optional.of(bytes);
    }
    // A string with ':' is taken as an IPv6 literal by InetAddress, never looked up in DNS.
    if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
      try {
        return Optional.of(InetAddress.getByName(text).getAddress());
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether {@code text} looks like an attempt at an IP literal (digits and dots, or a colon). */
  static boolean looksNumeric(String text) {
    return text.indexOf(':') >= 0 || text.matches("[0-9.]+");
  }

  /** Keeps the first {@code prefix} bits of {@code address}, zeroing the rest. */
  static byte[] mask(byte[] address, int prefix) {
    byte[] masked = address.clone();
    for (int bit = prefix; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return masked;
  }

  /** The textual form of {@code address}: dotted quad, or RFC 5952-like compressed IPv6. */
  static String format(byte[] address) {
    try {
      InetAddress inet = InetAddress.getByAddress(address);
      return address.length == 4 ? inet.getHostAddress() : compressIpv6(inet.getHostAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address of " + address.length + " bytes", e);
    }
  }

  // Java prints 2001:db8:0:0:0:0:0:0; shorten the longest zero run to "::".
  private static String compressIpv6(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLength && j - i > 1) {
          bestStart = i;
          bestLength = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, 8));
    return head + "::" + tail;
  }
}
