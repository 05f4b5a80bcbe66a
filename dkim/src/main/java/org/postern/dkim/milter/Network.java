package org.postern.dkim.milter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 127.0.0.0/8}, {@code ::1}, {@code
 * 2001:db8::/32}); a bare address is a single-host network.
 */
public final class Network {
  private final byte[] prefix;
  private final int bits;
  private final String text;

  private Network(byte[] prefix, int bits, String text) {
    this.prefix = prefix;
    this.bits = bits;
    this.text = text;
  }

  /**
   * Parses CIDR notation; never asks DNS.
   *
   * @throws IllegalArgumentException when the text is not an address with an optional prefix length
   */
  public static Network parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] address =
        literal(addressText)
            .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP network"));
    int maxBits = address.length * 8;
    int bits = maxBits;
    if (slash >= 0) {
      String length = trimmed.substring(slash + 1);
      if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > maxBits) {
        throw new IllegalArgumentException(
            "'" + text + "' needs a prefix length of 0 to " + maxBits);
      }
      bits = Integer.parseInt(length);
    }
    return new Network(address, bits, trimmed);
  }

  /** Whether the address literal (IPv4, IPv6, or {@code IPv6:...}) lies in this network. */
  public boolean contains(String addressText) {
    return literal(addressText).map(this::contains).orElse(false);
  }

  /** Whether the raw address (4 or 16 bytes) lies in this network. */
  public boolean contains(byte[] address) {
    if (address.length != prefix.length) {
      return false;
    }
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != prefix[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (prefix[full] & mask);
  }

  /** The bytes of an IP literal, without any DNS lookup; empty for anything else. */
  static Optional<byte[]> literal(String text) {
    String candidate = text.strip();
    if (candidate.regionMatches(true, 0, "IPv6:", 0, 5)) {
      candidate = candidate.substring(5);
    }
    if (candidate.startsWith("[") && candidate.endsWith("]")) {
      candidate = candidate.substring(1, candidate.length() - 1);
    }
    boolean ipv4 = candidate.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean ipv6 = candidate.contains(":") && candidate.matches("[0-9A-Fa-f:.]+");
    if (!ipv4 && !ipv6) {
      return Optional.empty();
    }
    try {
      // A literal never triggers a lookup; the patterns above keep names out.
      return Optional.of(InetAddress.getByName(candidate).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
