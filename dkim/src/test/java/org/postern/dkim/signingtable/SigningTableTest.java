package org.postern.dkim.signingtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SigningTableTest {

  @Test
  void theMostSpecificPatternWins() throws Exception {
    SigningTable<String> table =
        SigningTable.<String>builder()
            .add("*", "any")
            .add("*@*.example.org", "subdomains")
            .add("*@*.mail.example.org", "mail subdomains")
            .add("*@example.org", "domain")
            .add("alice@example.org", "alice")
            .build();

    assertThat(table.lookup("ALICE@example.org")).contains("alice");
    assertThat(table.lookup("bob@example.org")).contains("domain");
    assertThat(table.lookup("bob@sales.example.org")).contains("subdomains");
    assertThat(table.lookup("bob@eu.mail.example.org")).contains("mail subdomains");
    assertThat(table.lookup("bob@mail.example.org")).contains("subdomains");
    assertThat(table.lookup("bob@example.net")).contains("any");
    assertThat(table.lookup("no-domain")).contains("any");
    assertThat(table.size()).isEqualTo(5);
  }

  @Test
  void withoutACatchAllUnmatchedSendersMiss() throws Exception {
    SigningTable<String> table = SigningTable.<String>builder().add("*@example.org", "d").build();
    assertThat(table.lookup("bob@example.net")).isEmpty();
    assertThat(table.lookup("bob@sub.example.org")).isEmpty();
    assertThat(SigningTable.<String>empty().lookup("bob@example.org")).isEmpty();
  }

  @Test
  void aPatternListedTwiceIsRefused() throws Exception {
    SigningTable.Builder<String> table = SigningTable.<String>builder().add("*@Example.org", "a");
    assertThatThrownBy(() -> table.add("*@example.org.", "b"))
        .isInstanceOf(InvalidSenderPatternException.class)
        .hasMessageContaining("*@example.org")
        .hasMessageContaining("ambiguous");
  }

  @Property
  void lookupAgreesWithTheMatchingPatternOfHighestSpecificity(
      @ForAll("tables") java.util.List<String> patterns, @ForAll("addresses") String address)
      throws Exception {
    SigningTable.Builder<String> builder = SigningTable.builder();
    java.util.Set<SenderPattern> added = new java.util.HashSet<>();
    for (String text : patterns) {
      SenderPattern pattern = SenderPattern.parse(text);
      if (added.add(pattern)) {
        builder.add(pattern, pattern.toString());
      }
    }
    SigningTable<String> table = builder.build();

    java.util.Optional<SenderPattern> expected =
        added.stream()
            .filter(pattern -> pattern.matches(address))
            .max(
                java.util.Comparator.comparing(SenderPattern::kind)
                    .thenComparingInt(pattern -> pattern.domain().length()));
    assertThat(table.lookup(address)).isEqualTo(expected.map(SenderPattern::toString));
  }

  @Provide
  Arbitrary<java.util.List<String>> tables() {
    Arbitrary<String> domain =
        Arbitraries.of("example.org", "a.example.org", "b.a.example.org", "example.net");
    Arbitrary<String> pattern =
        Arbitraries.oneOf(
            Arbitraries.just("*"),
            domain.map(d -> "*@" + d),
            domain.map(d -> "*@*." + d),
            Arbitraries.of("alice", "bob").flatMap(l -> domain.map(d -> l + "@" + d)));
    return pattern.list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> domain =
        Arbitraries.of(
            "example.org",
            "a.example.org",
            "b.a.example.org",
            "c.b.a.example.org",
            "example.net",
            "x.example.net",
            "example.com");
    return Arbitraries.of("alice", "Bob", "carol").flatMap(l -> domain.map(d -> l + "@" + d));
  }
}
