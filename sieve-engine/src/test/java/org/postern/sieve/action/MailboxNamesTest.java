package org.postern.sieve.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MailboxNamesTest {

  private static final MailboxNames DOT = MailboxNames.MAILDIR_PLUS_PLUS;
  private static final MailboxNames SLASH = new MailboxNames('/');

  @Test
  void maildirPlusPlusRefusesSlashEmptyLevelsAndLeadingDots() {
    assertThat(DOT.problem("INBOX.Lists.dev")).isEmpty();
    assertThat(DOT.problem("Café")).isEmpty();
    assertThat(DOT.problem("group/info")).get().asString().contains("'/'");
    assertThat(DOT.problem("a..b")).get().asString().contains("'..'");
    assertThat(DOT.problem(".hidden")).get().asString().contains("starts with '.'");
    assertThat(DOT.problem("Sent.")).get().asString().contains("ends with '.'");
    assertThat(DOT.problem("a\0b")).get().asString().contains("NUL");
    assertThat(DOT.problem("")).isPresent();
  }

  @Test
  void slashSeparatorAllowsHierarchyButNoTraversal() {
    assertThat(SLASH.problem("group/info/Orders")).isEmpty();
    assertThat(SLASH.problem("INBOX.Junk")).isEmpty();
    assertThat(SLASH.problem("a.b/c..d")).isEmpty();
    assertThat(SLASH.problem("../etc")).get().asString().contains("starting with '.'");
    assertThat(SLASH.problem("a/../b")).get().asString().contains("starting with '.'");
    assertThat(SLASH.problem("a/./b")).get().asString().contains("starting with '.'");
    assertThat(SLASH.problem("a/.hidden")).get().asString().contains("starting with '.'");
    assertThat(SLASH.problem("/etc/passwd")).get().asString().contains("starts with '/'");
    assertThat(SLASH.problem("foo//bar")).get().asString().contains("'//'");
    assertThat(SLASH.problem("foo/")).get().asString().contains("ends with '/'");
    assertThat(SLASH.problem("a/b\0")).get().asString().contains("NUL");
  }

  @Test
  void separatorMustBeOnePunctuationCharacter() {
    assertThat(MailboxNames.withSeparator("/")).isEqualTo(SLASH);
    assertThatThrownBy(() -> MailboxNames.withSeparator(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailboxNames.withSeparator("::"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MailboxNames('a')).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MailboxNames('\0')).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MailboxNames(' ')).isInstanceOf(IllegalArgumentException.class);
  }

  /** Whatever the separator, an accepted name never leaves the mail root as a file path. */
  @Property
  void acceptedNamesNeverTraverse(
      @ForAll("names") String name, @ForAll("separators") char separator) {
    MailboxNames rules = new MailboxNames(separator);
    if (rules.problem(name).isPresent()) {
      return;
    }
    assertThat(name).doesNotContain("\0").doesNotStartWith("/").doesNotStartWith(".");
    List<String> pathSegments = Arrays.asList(name.replace(separator, '/').split("/", -1));
    assertThat(pathSegments).doesNotContain("", ".", "..");
    if (separator != '/') {
      assertThat(name).doesNotContain("/");
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withChars("./\\\0ab-").ofMinLength(0).ofMaxLength(12);
  }

  @Provide
  Arbitrary<Character> separators() {
    return Arbitraries.of('.', '/', '\\', '-');
  }
}
