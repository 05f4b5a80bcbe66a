package org.postern.sieve.mime;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ContentTypeTest {

  private static ContentType parse(String value) {
    return ContentType.parse(value, ContentType.TEXT_PLAIN);
  }

  @Test
  void continuationsAreJoinedInSectionOrderAndDecoded() {
    ContentType type =
        parse(
            "application/x-stuff; title*1*=%2A%2A%2Afun%2A%2A%2A%20;"
                + " title*0*=us-ascii'en'This%20is%20even%20more%20; title*2=\"isn't it!\"");
    assertThat(type.parameters()).containsEntry("title", "This is even more ***fun*** isn't it!");
  }

  @Test
  void anEncodedValueUsesItsCharset() {
    assertThat(parse("text/plain; name*=iso-8859-1''caf%E9.txt").parameters())
        .containsEntry("name", "café.txt");
    assertThat(parse("text/plain; name*=utf-8'de'caf%C3%A9.txt").parameters())
        .containsEntry("name", "café.txt");
  }

  @Test
  void plainParametersAreUnchanged() {
    assertThat(parse("multipart/mixed; boundary=\"a b\"; CHARSET=x").parameters())
        .containsEntry("boundary", "a b")
        .containsEntry("charset", "x");
  }

  @Property
  void anyParameterTextParsesWithoutThrowing(@ForAll String parameters) {
    assertThat(parse("text/plain; " + parameters).type()).isNotNull();
  }
}
