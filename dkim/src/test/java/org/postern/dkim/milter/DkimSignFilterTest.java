package org.postern.dkim.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.dkim.TagList;
import org.postern.dkim.dns.StaticKeyLookup;
import org.postern.dkim.keys.DnsRecordText;
import org.postern.dkim.keys.PrivateKeyFiles;
import org.postern.dkim.message.HeaderField;
import org.postern.dkim.signing.SigningSession;
import org.postern.dkim.verification.DkimResult;
import org.postern.dkim.verification.DkimStatus;
import org.postern.dkim.verification.DkimVerifier;

/** Which key signs which sender: signing table, own domain keys, subdomain fallback, i=. */
class DkimSignFilterTest {
  @TempDir static Path directory;
  private static Path mainKey;
  private static Path aliceKey;
  private static Path otherKey;
  private static StaticKeyLookup dns;
  private DkimSignFilter filter;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    KeyPair main = generator.generateKeyPair();
    KeyPair alice = generator.generateKeyPair();
    KeyPair other = generator.generateKeyPair();
    mainKey = directory.resolve("main.key");
    aliceKey = directory.resolve("alice.key");
    otherKey = directory.resolve("other.key");
    PrivateKeyFiles.write(mainKey, main.getPrivate());
    PrivateKeyFiles.write(aliceKey, alice.getPrivate());
    PrivateKeyFiles.write(otherKey, other.getPrivate());
    dns =
        StaticKeyLookup.parse(
            DnsRecordText.zoneLine("main", "example.org", main.getPublic())
                + "\n"
                + DnsRecordText.zoneLine("alice", "example.org", alice.getPublic())
                + "\n"
                + DnsRecordText.zoneLine("other", "example.net", other.getPublic())
                + "\n");
  }

  @AfterEach
  void close() {
    if (filter != null) {
      filter.close();
    }
  }

  private DkimSignFilter filter(List<SigningTableEntrySettings> table, boolean fallback) {
    DkimSignSettings settings =
        new DkimSignSettings(
            java.util.Map.of(
                "example.org",
                List.of(
                    new SigningKeySettings("main", mainKey, true),
                    new SigningKeySettings("alice", aliceKey, false)),
                "example.net",
                List.of(new SigningKeySettings("other", otherKey, true))),
            table,
            fallback,
            null,
            null,
            null,
            null,
            null,
            1,
            null);
    filter = (DkimSignFilter) new DkimSignFilterFactory().create(settings);
    return filter;
  }

  /**
   * The d=, s= and i= tags of the signature made for {@code sender}, verified; empty if unsigned.
   */
  private static Optional<List<String>> signature(DkimSignFilter filter, String sender)
      throws Exception {
    Optional<SigningSession> session = filter.sessionFor(sender);
    if (session.isEmpty()) {
      return Optional.empty();
    }
    session.get().header(new HeaderField("From", " <" + sender + ">"));
    session.get().header(new HeaderField("Subject", " hello"));
    session.get().body("Hello\r\n".getBytes(StandardCharsets.US_ASCII));
    List<HeaderField> signatures = session.get().finish();
    assertThat(signatures).hasSize(1);
    String message =
        signatures.get(0).name()
            + ":"
            + signatures.get(0).value()
            + "\r\nFrom: <"
            + sender
            + ">\r\nSubject: hello\r\n\r\nHello\r\n";
    List<DkimResult> results =
        DkimVerifier.builder(dns)
            .build()
            .verify(new java.io.ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)))
            .toCompletableFuture()
            .get();
    assertThat(results).extracting(DkimResult::status).containsExactly(DkimStatus.PASS);
    TagList tags = TagList.parse(signatures.get(0).value());
    return Optional.of(
        List.of(
            tags.get("d").orElseThrow(), tags.get("s").orElseThrow(), tags.get("i").orElse("-")));
  }

  @Test
  void ownDomainKeysSignWithoutATable() throws Exception {
    DkimSignFilter filter = filter(null, false);

    assertThat(signature(filter, "bob@example.org")).contains(List.of("example.org", "main", "-"));
    assertThat(signature(filter, "bob@example.net")).contains(List.of("example.net", "other", "-"));
    assertThat(signature(filter, "bob@sub.example.org")).isEmpty();
    assertThat(signature(filter, "bob@example.com")).isEmpty();
  }

  @Test
  void subdomainFallbackSignsWithTheNearestParentsKeys() throws Exception {
    DkimSignFilter filter = filter(null, true);

    assertThat(signature(filter, "bob@a.b.example.org"))
        .contains(List.of("example.org", "main", "-"));
    assertThat(signature(filter, "bob@notexample.org")).isEmpty();
  }

  @Test
  void theMostSpecificTableEntryChoosesTheKeyAndIdentity() throws Exception {
    DkimSignFilter filter =
        filter(
            List.of(
                new SigningTableEntrySettings("*@example.net", "example.org", null, null),
                new SigningTableEntrySettings("alice@example.org", "example.org", "alice", true),
                new SigningTableEntrySettings("*@*.example.org", "example.org", null, true),
                new SigningTableEntrySettings("*", "example.net", null, null)),
            false);

    assertThat(signature(filter, "Alice@example.org"))
        .contains(List.of("example.org", "alice", "Alice@example.org"));
    assertThat(signature(filter, "bob@example.org")).contains(List.of("example.org", "main", "-"));
    assertThat(signature(filter, "bob+x@eu.example.org"))
        .contains(List.of("example.org", "main", "bob+x@eu.example.org"));
    assertThat(signature(filter, "carol@example.net"))
        .contains(List.of("example.org", "main", "-"));
    assertThat(signature(filter, "dave@example.com"))
        .contains(List.of("example.net", "other", "-"));
  }
}
