package org.postern.dkim.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NetworkTest {

  @Test
  void matchesAddressesInsideThePrefixOnly() {
    Network loopback = Network.parse("127.0.0.0/8");
    assertThat(loopback.contains("127.0.0.1")).isTrue();
    assertThat(loopback.contains("127.255.1.2")).isTrue();
    assertThat(loopback.contains("128.0.0.1")).isFalse();
    assertThat(loopback.contains("::1")).isFalse();
    assertThat(Network.parse("::1").contains("IPv6:::1")).isTrue();
    assertThat(Network.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
    assertThat(Network.parse("2001:db8::/32").contains("2001:db9::5")).isFalse();
    assertThat(Network.parse("192.0.2.128/25").contains("192.0.2.127")).isFalse();
    assertThat(Network.parse("192.0.2.128/25").contains("192.0.2.200")).isTrue();
    assertThat(Network.parse("127.0.0.1").contains("127.0.0.2")).isFalse();
    assertThat(loopback.contains("localhost")).as("names are never resolved").isFalse();
  }

  @Test
  void refusesWhatIsNoNetwork() {
    assertThatThrownBy(() -> Network.parse("example.org")).hasMessageContaining("not an IP");
    assertThatThrownBy(() -> Network.parse("10.0.0.0/33")).hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> Network.parse("::/129")).hasMessageContaining("0 to 128");
    assertThatThrownBy(() -> Network.parse("10.0.0.0/")).hasMessageContaining("prefix length");
  }

  @Property
  void aNetworkContainsEveryAddressSharingItsPrefix(
      @ForAll("ipv4") int base, @ForAll @IntRange(min = 0, max = 32) int bits, @ForAll int noise) {
    int mask = bits == 0 ? 0 : -1 << (32 - bits);
    Network network = Network.parse(dotted(base) + "/" + bits);
    int inside = (base & mask) | (noise & ~mask);
    assertThat(network.contains(dotted(inside))).isTrue();
    if (bits > 0) {
      int outside = inside ^ (1 << (32 - bits));
      assertThat(network.contains(dotted(outside))).isFalse();
    }
  }

  @Property
  void garbageIsATypedErrorNeverALookup(@ForAll String text) {
    try {
      Network network = Network.parse(text);
      assertThat(network.toString()).isEqualTo(text.strip());
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Integer> ipv4() {
    return Arbitraries.integers();
  }

  private static String dotted(int address) {
    return ((address >>> 24) & 0xff)
        + "."
        + ((address >>> 16) & 0xff)
        + "."
        + ((address >>> 8) & 0xff)
        + "."
        + (address & 0xff);
  }
}
