package org.postern.screen.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.postern.screen.address.ClientAddress;

class AccessListTest {
  private static AccessAction check(AccessList list, String address) {
    return list.check(ClientAddress.parse(address));
  }

  @Test
  void actionsByNetwork() {
    AccessList list =
        AccessList.parse(
            "access",
            "# comment\n\n17.0.0.0/8 permit\n192.0.2.0/24 reject\n2001:db8::/32 REJECT\n"
                + "[2001:db9::]/32 permit\n198.51.100.7 dunno\n");
    assertThat(check(list, "17.1.2.3")).isEqualTo(AccessAction.PERMIT);
    assertThat(check(list, "192.0.2.200")).isEqualTo(AccessAction.REJECT);
    assertThat(check(list, "2001:db8::1")).isEqualTo(AccessAction.REJECT);
    assertThat(check(list, "2001:db9::1")).isEqualTo(AccessAction.PERMIT);
    assertThat(check(list, "198.51.100.7")).isEqualTo(AccessAction.DUNNO);
    assertThat(check(list, "203.0.113.1")).isEqualTo(AccessAction.DUNNO);
  }

  @Test
  void theLongestPrefixWinsWhateverTheOrder() {
    AccessList list =
        AccessList.parse("access", "192.0.2.0/24 reject\n192.0.2.128/25 dunno\n192.0.2.7 permit\n");
    assertThat(check(list, "192.0.2.7")).isEqualTo(AccessAction.PERMIT);
    assertThat(check(list, "192.0.2.200")).isEqualTo(AccessAction.DUNNO);
    assertThat(check(list, "192.0.2.8")).isEqualTo(AccessAction.REJECT);
  }

  @Test
  void continuationLinesJoinThePreviousLine() {
    AccessList list = AccessList.parse("access", "192.0.2.0/24\n  reject\n");
    assertThat(check(list, "192.0.2.1")).isEqualTo(AccessAction.REJECT);
  }

  @Test
  void errorsNameTheLine() {
    assertThatThrownBy(() -> AccessList.parse("f", "17.0.0.0/8 permit\n192.0.2.1/24 reject\n"))
        .isInstanceOf(AccessListSyntaxException.class)
        .hasMessageStartingWith("f:2: ")
        .hasMessageContaining("non-null host address bits");
    assertThatThrownBy(() -> AccessList.parse("f", "# c\n17.0.0.0/8 allow\n"))
        .hasMessageStartingWith("f:2: ")
        .hasMessageContaining("unknown action 'allow'");
    assertThatThrownBy(() -> AccessList.parse("f", "17.0.0.0/33 permit\n"))
        .hasMessageContaining("exceeds 32 bits");
    assertThatThrownBy(() -> AccessList.parse("f", "example.com permit\n"))
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> AccessList.parse("f", "17.0.0.0/8\n")).hasMessageStartingWith("f:1: ");
    assertThatThrownBy(() -> AccessList.parse("f", " reject\n"))
        .hasMessageContaining("continuation");
  }

  @Property
  void garbageIsATypedErrorOrAList(@ForAll String text) {
    try {
      AccessList.parse("f", text);
    } catch (AccessListSyntaxException expected) {
      assertThat(expected.getMessage()).startsWith("f:");
    }
  }

  @Property
  void aHostEntryMatchesOnlyItsAddress(@ForAll byte[] seed) {
    byte[] bytes = new byte[4];
    System.arraycopy(seed, 0, bytes, 0, Math.min(4, seed.length));
    ClientAddress host = ClientAddress.of(bytes);
    AccessList list = AccessList.parse("f", host + "/32 reject\n");
    assertThat(list.check(host)).isEqualTo(AccessAction.REJECT);
    bytes[3] ^= 1;
    assertThat(list.check(ClientAddress.of(bytes))).isEqualTo(AccessAction.DUNNO);
  }
}
