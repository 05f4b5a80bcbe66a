package org.postern.sieve.extlists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ExternalListNameTest {

  @Test
  void shorthandExpandsToTheSieveUrnPrefix() throws Exception {
    assertThat(ExternalListName.normalize(":addrbook:default"))
        .isEqualTo(ExternalListName.DEFAULT_ADDRESS_BOOK);
    assertThat(ExternalListName.normalize("URN:IETF:params:sieve:addrbook:x"))
        .isEqualTo("urn:ietf:params:sieve:addrbook:x");
    assertThat(ExternalListName.normalize("tag:example.com,2010-05-28:mylist"))
        .isEqualTo("tag:example.com,2010-05-28:mylist");
  }

  @Test
  void otherSchemesAndMalformedUrnsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> ExternalListName.normalize("frop:666"))
        .isInstanceOf(InvalidListNameException.class)
        .hasMessageContaining("frop: scheme is not supported");
    assertThatThrownBy(() -> ExternalListName.normalize(""))
        .isInstanceOf(InvalidListNameException.class);
    assertThatThrownBy(() -> ExternalListName.normalize("urn:x:abc"))
        .hasMessageContaining("namespace identifier");
    assertThatThrownBy(() -> ExternalListName.normalize(":addrbook:personal?label=Family"))
        .hasMessageContaining("namespace-specific");
  }

  @Provide
  Arbitrary<String> validNames() {
    Arbitrary<String> specific =
        Arbitraries.strings()
            .withChars("abcXYZ019-._~:@!$&'()*+,;=")
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(s -> !s.startsWith("/"));
    Arbitrary<String> namespace =
        Arbitraries.strings().withChars("abcdXYZ0123").ofMinLength(2).ofMaxLength(32);
    return Arbitraries.oneOf(
        specific.map(s -> ":addrbook:" + s),
        Arbitraries.of("urn:", "URN:", "Urn:")
            .flatMap(prefix -> namespace.flatMap(n -> specific.map(s -> prefix + n + ":" + s))),
        specific.map(s -> "tag:" + s));
  }

  @Property
  void normalizingIsIdempotent(@ForAll("validNames") String name) throws Exception {
    String normalized = ExternalListName.normalize(name);
    assertThat(ExternalListName.normalize(normalized)).isEqualTo(normalized);
    assertThat(normalized).matches("(urn|tag):.+");
  }

  @Property
  void anyStringIsEitherANameOrATypedError(@ForAll String garbage) {
    String normalized;
    try {
      normalized = ExternalListName.normalize(garbage);
    } catch (InvalidListNameException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(normalized).matches("(urn|tag):.+");
  }
}
