package org.postern.screen.site;

import java.util.List;

/**
 * A pattern for one DNSBL reply address, four {@link OctetPattern}s ({@code 127.0.0.[2..11]}).
 *
 * @param octets the four octet patterns, most significant first
 */
public record ReplyPattern(List<OctetPattern> octets) {

  /** Copies the octets; exactly four are required. */
  public ReplyPattern {
    octets = List.copyOf(octets);
    if (octets.size() != 4) {
      throw new IllegalArgumentException("a reply pattern has 4 octets, not " + octets.size());
    }
  }

  /** Whether the IPv4 reply {@code code} (4 bytes) matches every octet. */
  public boolean matches(byte[] code) {
    for (int i = 0; i < 4; i++) {
      if (!octets.get(i).matches(code[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        text.append('.');
      }
      text.append(octets.get(i));
    }
    return text.toString();
  }
}
