package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class IpAddressesPropertiesTest {

  @Property
  void aDottedQuadRoundTrips(@ForAll @Size(4) byte[] address) {
    assertThat(IpAddresses.parse(IpAddresses.format(address)))
        .hasValueSatisfying(parsed -> assertThat(parsed).containsExactly(address));
  }

  @Property
  void onlyFourDecimalPartsUpTo255AreIpv4(@ForAll String text) {
    boolean dottedQuad = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean inRange =
        dottedQuad
            && Arrays.stream(text.split("\\.")).allMatch(part -> Integer.parseInt(part) < 256);
    assertThat(IpAddresses.parse(text).filter(bytes -> bytes.length == 4).isPresent())
        .isEqualTo(inRange);
  }

  @Property
  void samePrefixAgreesWithMaskingBothSides(
      @ForAll @Size(16) byte[] first,
      @ForAll @Size(16) byte[] second,
      @ForAll @IntRange(min = 0, max = 128) int prefix) {
    // Share a random number of leading bytes so that equal prefixes occur often.
    System.arraycopy(first, 0, second, 0, prefix / 8);
    assertThat(IpAddresses.samePrefix(first, second, prefix))
        .isEqualTo(
            Arrays.equals(IpAddresses.mask(first, prefix), IpAddresses.mask(second, prefix)));
  }
}
