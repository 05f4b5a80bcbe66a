package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalDomainsTest {
  @Test
  void plainEntriesMatchExactlyAndDottedEntriesMatchSubdomainsOnly() throws SrsConfigException {
    LocalDomains domains = LocalDomains.of(List.of("example.org", ".Example.NET"));
    assertThat(domains.contains("example.org")).isTrue();
    assertThat(domains.contains("Example.ORG")).isTrue();
    assertThat(domains.contains("mail.example.org")).isFalse();
    assertThat(domains.contains("badexample.org")).isFalse();

    assertThat(domains.contains("example.net")).isFalse();
    assertThat(domains.contains("mail.example.net")).isTrue();
    assertThat(domains.contains("a.b.EXAMPLE.net")).isTrue();
    assertThat(domains.contains("badexample.net")).isFalse();
    assertThat(domains.contains("example.net.evil.com")).isFalse();
  }

  @Test
  void noneMatchesNothing() {
    assertThat(LocalDomains.none().contains("example.org")).isFalse();
    assertThat(LocalDomains.none().isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..example.org", "a@example.org", "exa mple.org", "a=b.org"})
  void refusesEntriesThatAreNotDomains(String entry) {
    assertThatThrownBy(() -> LocalDomains.of(List.of(entry)))
        .isInstanceOf(SrsConfigException.class)
        .hasMessageContaining("'" + entry + "'");
  }
}
