package org.postern.screen.access;

import java.util.Arrays;
import org.postern.screen.address.ClientAddress;
import org.postern.screen.address.InvalidClientAddressException;

/**
 * An IPv4 or IPv6 network: address and prefix length, with no host bits set (as Postfix demands).
 */
public final class CidrBlock {
  private final byte[] network;
  private final int prefixLength;

  private CidrBlock(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code address/prefix} or a bare address (a host network); IPv6 may be in {@code []}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static CidrBlock parse(String text) {
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    ClientAddress address;
    try {
      address = ClientAddress.parse(addressText);
    } catch (InvalidClientAddressException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    byte[] bytes = address.bytes();
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String prefixText = text.substring(slash + 1);
      if (!prefixText.matches("\\d{1,3}")) {
        throw new IllegalArgumentException("bad prefix length '" + prefixText + "'");
      }
      prefix = Integer.parseInt(prefixText);
      if (prefix > bits) {
        throw new IllegalArgumentException(
            "prefix length " + prefix + " exceeds " + bits + " bits of " + addressText);
      }
    }
    for (int bit = prefix; bit < bits; bit++) {
      if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        throw new IllegalArgumentException(
            "non-null host address bits in " + text + ", did you mean a /" + prefix + " network?");
      }
    }
    return new CidrBlock(bytes, prefix);
  }

  /** The prefix length in bits. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Whether {@code address} lies in this network (IPv4 never matches an IPv6 block). */
  public boolean contains(ClientAddress address) {
    byte[] bytes = address.bytes();
    if (bytes.length != network.length) {
      return false;
    }
    int whole = prefixLength / 8;
    for (int i = 0; i < whole; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (bytes[whole] & mask) == (network[whole] & mask);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CidrBlock block
        && block.prefixLength == prefixLength
        && Arrays.equals(block.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefixLength;
  }

  /** {@code address/prefix}. */
  @Override
  public String toString() {
    return ClientAddress.of(network) + "/" + prefixLength;
  }
}
