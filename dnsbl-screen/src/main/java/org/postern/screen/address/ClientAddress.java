package org.postern.screen.address;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An SMTP client's IPv4 or IPv6 address, parsed without ever asking DNS. IPv4-mapped IPv6 addresses
 * become IPv4, as DNSBLs list them by their IPv4 form.
 */
public final class ClientAddress {
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private final byte[] bytes;
  // Formatted on first use: most requests never print the address.
  private String text;

  private ClientAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Parses a dotted quad or an IPv6 literal, with or without {@code []}.
   *
   * @throws InvalidClientAddressException when {@code text} is not an address literal
   */
  public static ClientAddress parse(String text) {
    if (text == null) {
      throw new InvalidClientAddressException("null");
    }
    String bare =
        text.length() > 2 && text.startsWith("[") && text.endsWith("]")
            ? text.substring(1, text.length() - 1)
            : text;
    byte[] ipv4 = dottedQuad(bare);
    if (ipv4 != null) {
      return new ClientAddress(ipv4);
    }
    // With a ':' InetAddress parses a literal and never looks the text up in DNS.
    if (bare.indexOf(':') >= 0 && IPV6.matcher(bare).matches()) {
      try {
        return new ClientAddress(InetAddress.getByName(bare).getAddress());
      } catch (UnknownHostException e) {
        throw new InvalidClientAddressException(text);
      }
    }
    throw new InvalidClientAddressException(text);
  }

  // Four decimal octets of 1 to 3 digits each, at most 255; null when the text is anything else.
  // By hand, not by regex: the policy service parses an address per request.
  private static byte[] dottedQuad(String text) {
    byte[] bytes = new byte[4];
    int octet = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3) {
          return null;
        }
      } else if (c == '.' && digits > 0 && octet < 3) {
        if (value > 255) {
          return null;
        }
        bytes[octet++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    if (octet != 3 || digits == 0 || value > 255) {
      return null;
    }
    bytes[3] = (byte) value;
    return bytes;
  }

  /** The address from raw bytes (4 or 16). */
  public static ClientAddress of(byte[] bytes) {
    if (bytes.length != 4 && bytes.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }
    try {
      // Turns IPv4-mapped IPv6 into IPv4.
      return new ClientAddress(InetAddress.getByAddress(bytes).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Whether this is an IPv4 address. */
  public boolean isIpv4() {
    return bytes.length == 4;
  }

  /** A copy of the address bytes: 4 for IPv4, 16 for IPv6. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The name queried below a DNSBL zone: reversed octets for IPv4 ({@code 2.0.0.127}), reversed
   * nibbles for IPv6 (RFC 5782).
   */
  public String reversedName() {
    StringBuilder name = new StringBuilder(64);
    if (isIpv4()) {
      for (int i = 3; i >= 0; i--) {
        name.append(bytes[i] & 0xff);
        if (i > 0) {
          name.append('.');
        }
      }
      return name.toString();
    }
    for (int i = 15; i >= 0; i--) {
      int value = bytes[i] & 0xff;
      name.append(Character.forDigit(value & 0xf, 16)).append('.');
      name.append(Character.forDigit(value >>> 4, 16));
      if (i > 0) {
        name.append('.');
      }
    }
    return name.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClientAddress address && Arrays.equals(bytes, address.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Dotted quad, or full lower-case IPv6 with every group (unambiguous, for logs and keys). */
  @Override
  public String toString() {
    String formatted = text;
    if (formatted == null) {
      formatted = format(bytes);
      text = formatted; // racy but idempotent: every thread computes the same string
    }
    return formatted;
  }

  private static String format(byte[] bytes) {
    if (bytes.length == 4) {
      try {
        return ((Inet4Address) InetAddress.getByAddress(bytes)).getHostAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(e);
      }
    }
    String hex = HexFormat.of().formatHex(bytes);
    StringBuilder text = new StringBuilder(39);
    for (int group = 0; group < 8; group++) {
      if (group > 0) {
        text.append(':');
      }
      text.append(hex, group * 4, group * 4 + 4);
    }
    return text.toString();
  }
}
