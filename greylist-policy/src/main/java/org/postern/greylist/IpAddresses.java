package org.postern.greylist;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP address literals without ever asking DNS. */
final class IpAddresses {
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpAddresses() {}

  /** The address bytes (4 or 16; IPv4-mapped IPv6 becomes 4) or empty when not a literal. */
  static Optional<byte[]> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    byte[] ipv4 = parseIpv4(text);
    if (ipv4 != null) {
      return Optional.of(ipv4);
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

  // Four dot-separated decimal parts of 1 to 3 digits, each at most 255; null for anything else.
  // By hand rather than with a regular expression: this runs twice for every request.
  private static byte[] parseIpv4(String text) {
    int length = text.length();
    if (length < 7 || length > 15) {
      return null;
    }
    byte[] bytes = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3) {
          return null;
        }
      } else if (c == '.' && digits > 0 && part < 3) {
        if (value > 255) {
          return null;
        }
        bytes[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    if (part != 3 || digits == 0 || value > 255) {
      return null;
    }
    bytes[3] = (byte) value;
    return bytes;
  }

  /** Whether {@code text} looks like an attempt at an IP literal (digits and dots, or a colon). */
  static boolean looksNumeric(String text) {
    return text.indexOf(':') >= 0 || text.matches("[0-9.]+");
  }

  /** Keeps the first {@code prefix} bits of {@code address}, zeroing the rest. */
  static byte[] mask(byte[] address, int prefix) {
    byte[] masked = address.clone();
    for (int i = 0; i < masked.length; i++) {
      masked[i] &= byteMask(prefix, i);
    }
    return masked;
  }

  /** Whether the first {@code prefix} bits of {@code address} equal those of {@code network}. */
  static boolean samePrefix(byte[] address, byte[] network, int prefix) {
    if (address.length != network.length) {
      return false;
    }
    for (int i = 0; i < address.length && i * 8 < prefix; i++) {
      byte mask = byteMask(prefix, i);
      if ((address[i] & mask) != (network[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  // The bits of byte {@code index} that lie within the first {@code prefix} bits.
  private static byte byteMask(int prefix, int index) {
    int bits = Math.max(0, Math.min(8, prefix - index * 8));
    return (byte) (0xff00 >>> bits);
  }

  /** The textual form of {@code address}: dotted quad, or RFC 5952-like compressed IPv6. */
  static String format(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xff)
          + "."
          + (address[1] & 0xff)
          + "."
          + (address[2] & 0xff)
          + "."
          + (address[3] & 0xff);
    }
    try {
      return compressIpv6(InetAddress.getByAddress(address).getHostAddress());
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
