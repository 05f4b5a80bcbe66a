package org.postern.sieve.message;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void commentsInsideAngleBracketsAreIgnored() {
    assertThat(Addresses.parseList("Timo <tss(no spam)@fi.iki>")).containsExactly("tss@fi.iki");
    assertThat(Addresses.parseList("<a (x (nested)) @ (y) example.org>"))
        .containsExactly("a@example.org");
  }

  @Test
  void quotedLocalPartsKeepTheirSpacesAndParentheses() {
    assertThat(Addresses.parseList("<\"john (x) doe\"@example.org>"))
        .containsExactly("\"john (x) doe\"@example.org");
  }

  @Test
  void commentsOutsideAngleBracketsAreIgnored() {
    assertThat(Addresses.parseList("bob(Bob)@example.net, (c) carol@example.net"))
        .containsExactly("bob@example.net", "carol@example.net");
  }

  @Property
  void anyTextParsesWithoutThrowing(@ForAll String value) {
    assertThat(Addresses.parseList(value)).doesNotContainNull();
  }
}
