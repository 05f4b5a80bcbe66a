package org.postern.screen.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void ipv4IsQueriedWithReversedOctets() {
    assertThat(ClientAddress.parse("192.0.2.99").reversedName()).isEqualTo("99.2.0.192");
  }

  @Test
  void ipv6IsQueriedWithReversedNibbles() {
    // RFC 5782 section 2.4's example.
    assertThat(ClientAddress.parse("2001:db8:1:2:3:4:567:89ab").reversedName())
        .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2");
  }

  @Test
  void ipv4MappedIpv6IsQueriedAsIpv4() {
    ClientAddress mapped = ClientAddress.parse("::ffff:127.0.0.2");
    assertThat(mapped.isIpv4()).isTrue();
    assertThat(mapped).isEqualTo(ClientAddress.parse("127.0.0.2"));
  }

  @Test
  void namesAndBadNumbersAreRefused() {
    assertThatThrownBy(() -> ClientAddress.parse("mail.example.com"))
        .isInstanceOf(InvalidClientAddressException.class);
    assertThatThrownBy(() -> ClientAddress.parse("1.2.3.256"))
        .isInstanceOf(InvalidClientAddressException.class);
    assertThatThrownBy(() -> ClientAddress.parse("unknown"))
        .isInstanceOf(InvalidClientAddressException.class);
  }

  @Test
  void malformedDottedQuadsAreRefused() {
    for (String text :
        new String[] {
          "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.", ".1.2.3", "1234.1.1.1", "1.2.3.4 "
        }) {
      assertThatThrownBy(() -> ClientAddress.parse(text))
          .as(text)
          .isInstanceOf(InvalidClientAddressException.class);
    }
    assertThat(ClientAddress.parse("[010.0.0.001]").toString()).isEqualTo("10.0.0.1");
  }

  @Property
  void ipv4AddressesParseBack(@ForAll @Size(4) byte[] bytes) {
    ClientAddress address = ClientAddress.of(bytes);
    assertThat(ClientAddress.parse(address.toString()).bytes()).isEqualTo(bytes);
  }

  @Property
  void printedAddressesParseBack(@ForAll @Size(16) byte[] bytes) {
    ClientAddress address = ClientAddress.of(bytes);
    assertThat(ClientAddress.parse(address.toString())).isEqualTo(address);
  }

  @Property
  void garbageIsATypedError(@ForAll String text) {
    try {
      ClientAddress.parse(text);
    } catch (InvalidClientAddressException expected) {
      assertThat(expected.getMessage()).contains("not an IP address");
    }
  }
}
