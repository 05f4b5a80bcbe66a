package org.postern.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhitelistTest {

  @Test
  void clientEntriesMatchAddressesNetworksDomainsAndRegexes() {
    ClientWhitelist list =
        ClientWhitelist.parse(
            "clients",
            "# comment\n"
                + "192.0.2.7\n"
                + "198.51.100.0/24   # a network\n"
                + "2001:db8::/32\n"
                + "example.org\n"
                + "/^mx[0-9]+\\.relay\\.test$/\n");
    assertThat(list.matches("192.0.2.7", "unknown")).isTrue();
    assertThat(list.matches("192.0.2.8", "unknown")).isFalse();
    assertThat(list.matches("198.51.100.200", "unknown")).isTrue();
    assertThat(list.matches("2001:db8:5::1", "unknown")).isTrue();
    assertThat(list.matches("203.0.113.1", "mail.example.org")).isTrue();
    assertThat(list.matches("203.0.113.1", "example.org")).isTrue();
    assertThat(list.matches("203.0.113.1", "badexample.org")).isFalse();
    assertThat(list.matches("203.0.113.1", "MX12.relay.test")).isTrue();
    assertThat(list.matches("203.0.113.1", "mx.relay.test")).isFalse();
    assertThat(list.size()).isEqualTo(5);
  }

  @Test
  void badClientLinesNameTheLine() {
    assertThatThrownBy(() -> ClientWhitelist.parse("clients.txt", "192.0.2.1\n\n300.1.2.3\n"))
        .isInstanceOf(WhitelistSyntaxException.class)
        .hasMessageStartingWith("clients.txt:3: ")
        .satisfies(e -> assertThat(((WhitelistSyntaxException) e).line()).isEqualTo(3));
    assertThatThrownBy(() -> ClientWhitelist.parse("c", "192.0.2.0/33"))
        .hasMessageStartingWith("c:1: prefix length");
    assertThatThrownBy(() -> ClientWhitelist.parse("c", "# x\n/[unclosed/"))
        .hasMessageStartingWith("c:2: bad regular expression");
    assertThatThrownBy(() -> ClientWhitelist.parse("c", "a\nb\nnot a host!"))
        .hasMessageStartingWith("c:3: ");
  }

  @Test
  void recipientEntriesMatchUsersDomainsAddressesAndRegexes() {
    RecipientWhitelist list =
        RecipientWhitelist.parse(
            "recipients",
            "postmaster@\n@lists.example.org\nboss@example.net\nexample.com\n/^abuse-/\n");
    assertThat(list.matches("Postmaster@anything.test")).isTrue();
    assertThat(list.matches("x@lists.example.org")).isTrue();
    assertThat(list.matches("x@sub.lists.example.org")).isTrue();
    assertThat(list.matches("boss@example.net")).isTrue();
    assertThat(list.matches("other@example.net")).isFalse();
    assertThat(list.matches("y@example.com")).isTrue();
    assertThat(list.matches("abuse-desk@example.io")).isTrue();
    assertThat(list.matches("someone@example.io")).isFalse();
  }

  @Test
  void badRecipientLinesNameTheLine() {
    assertThatThrownBy(() -> RecipientWhitelist.parse("r", "ok@\na@b@c\n"))
        .isInstanceOf(WhitelistSyntaxException.class)
        .hasMessage("r:2: more than one '@'");
    assertThatThrownBy(() -> RecipientWhitelist.parse("r", "@\n")).hasMessageStartingWith("r:1:");
  }

  @Test
  void theShippedDefaultListParsesAndCoversApple() {
    ClientWhitelist defaults =
        ClientWhitelist.parse(Whitelists.DEFAULT_CLIENTS_RESOURCE, Whitelists.defaultClientText());
    assertThat(defaults.matches("17.58.1.2", "unknown")).isTrue();
    assertThat(defaults.matches("209.85.220.41", "unknown")).isTrue();
    assertThat(defaults.matches("203.0.113.9", "mail-sor-f41.google.com")).isTrue();
    assertThat(defaults.matches("203.0.113.9", "unknown")).isFalse();
  }

  @Test
  void changedFilesAreReloadedAndBadOnesKeepThePreviousList(@TempDir Path directory)
      throws IOException {
    Path clients = directory.resolve("clients");
    Files.writeString(clients, "192.0.2.1\n");
    Whitelists lists = new Whitelists(clients, null, false);
    assertThat(lists.clientMatches("192.0.2.1", "unknown")).isTrue();
    assertThat(lists.reloadIfChanged()).isFalse();

    Files.writeString(clients, "192.0.2.2\n");
    Files.setLastModifiedTime(clients, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(lists.reloadIfChanged()).isTrue();
    assertThat(lists.clientMatches("192.0.2.1", "unknown")).isFalse();
    assertThat(lists.clientMatches("192.0.2.2", "unknown")).isTrue();

    Files.writeString(clients, "999.0.0.1 garbage\n");
    Files.setLastModifiedTime(clients, FileTime.from(Instant.now().plusSeconds(20)));
    assertThat(lists.reloadIfChanged()).isFalse();
    assertThat(lists.clientMatches("192.0.2.2", "unknown")).isTrue();
  }
}
