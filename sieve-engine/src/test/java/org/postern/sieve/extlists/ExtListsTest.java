package org.postern.sieve.extlists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.postern.sieve.SieveCompileException;
import org.postern.sieve.SieveCompiler;
import org.postern.sieve.SieveDiagnostic;
import org.postern.sieve.SieveLimits;
import org.postern.sieve.action.SieveAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class ExtListsTest {

  private static final String MESSAGE =
      "From: Alice <alice@example.org>\r\n"
          + "Cc: bob@example.net, team: carol@example.com, dave@example.com;\r\n"
          + "Subject: hello\r\n\r\nbody\r\n";

  private final AtomicReference<ExternalLists> lists = new AtomicReference<>(ExternalLists.none());

  private SieveCompiler compiler() {
    return SieveCompiler.create(SieveLimits.defaults(), List.of(new ExtListsExtension(lists::get)));
  }

  private SieveResult run(String script) throws SieveCompileException {
    return compiler()
        .compile(script)
        .run(SieveMessage.parse(MESSAGE), new SieveEnvelope("alice@example.org", "me@example.net"));
  }

  private static List<String> mailboxes(SieveResult result) {
    return result.actions().stream()
        .filter(StoreAction.class::isInstance)
        .map(action -> ((StoreAction) action).mailbox())
        .toList();
  }

  private List<String> errors(String script) {
    try {
      compiler().compile(script);
      return List.of();
    } catch (SieveCompileException e) {
      return e.diagnostics().stream().map(SieveDiagnostic::toString).toList();
    }
  }

  private void configure(Map<String, ExternalList> byName) throws InvalidListNameException {
    lists.set(ExternalLists.of(byName));
  }

  @Test
  void listMatchFindsAnAddressInANamedListAndCapturesIt() throws Exception {
    configure(Map.of(":addrbook:friends", ExternalList.of(List.of("dave@example.com"))));
    SieveResult result =
        run(
            "require [\"extlists\", \"variables\", \"fileinto\"];\n"
                + "if address :list \"cc\" \"urn:ietf:params:sieve:addrbook:friends\" {\n"
                + "  fileinto \"friends-${0}\";\n"
                + "}\n");
    assertThat(mailboxes(result)).containsExactly("friends-dave@example.com");
  }

  @Test
  void shorthandAndFullNamesNameTheSameList() throws Exception {
    configure(
        Map.of(
            "urn:ietf:params:sieve:addrbook:friends", ExternalList.of(List.of("bob@example.net"))));
    SieveResult result =
        run(
            "require [\"extlists\", \"fileinto\"];\n"
                + "if address :list \"cc\" \":addrbook:FRIENDS\" { fileinto \"hit\"; }\n");
    assertThat(mailboxes(result)).containsExactly("hit");
  }

  @Test
  void unknownInvalidAndEmptyListsNeverMatch() throws Exception {
    configure(Map.of(":addrbook:empty", ExternalList.EMPTY));
    SieveResult result =
        run(
            "require [\"extlists\", \"fileinto\"];\n"
                + "if header :list \"from\" [\":addrbook:empty\", \":addrbook:unknown\","
                + " \"frop:666\", \":addrbook:default\"] { fileinto \"hit\"; }\n");
    assertThat(mailboxes(result)).containsExactly("INBOX");
  }

  @Test
  void listsReconfiguredAfterCompilingApplyToTheNextRun() throws Exception {
    var program =
        compiler()
            .compile(
                "require [\"extlists\", \"fileinto\"];\n"
                    + "if address :list \"from\" \":addrbook:vip\" { fileinto \"vip\"; }\n");
    SieveMessage message = SieveMessage.parse(MESSAGE);
    SieveEnvelope envelope = new SieveEnvelope("a@example.org", "me@example.net");
    assertThat(mailboxes(program.run(message, envelope))).containsExactly("INBOX");
    configure(Map.of(":addrbook:vip", ExternalList.of(List.of("alice@example.org"))));
    assertThat(mailboxes(program.run(message, envelope))).containsExactly("vip");
  }

  @Test
  void aListThatCannotBeReadFailsTheRunWithImplicitKeep() throws Exception {
    configure(
        Map.of(
            ":addrbook:broken",
            value -> {
              throw new ExternalListException("store down", null);
            }));
    SieveResult result =
        run(
            "require [\"extlists\", \"fileinto\"];\n"
                + "if address :list \"from\" \":addrbook:broken\" { fileinto \"x\"; }\n");
    assertThat(result.failed()).isTrue();
    assertThat(result.error())
        .hasValueSatisfying(error -> assertThat(error).contains("store down"));
    assertThat(result.actions())
        .extracting(SieveAction::getClass)
        .containsExactly(StoreAction.class);
  }

  @Test
  void validExtListIsTrueOnlyWhenEveryNameIsAConfiguredList() throws Exception {
    configure(Map.of(":addrbook:friends", ExternalList.EMPTY));
    String script =
        "require [\"extlists\", \"fileinto\"];\n"
            + "if valid_ext_list %s { fileinto \"valid\"; }\n";
    assertThat(mailboxes(run(script.formatted("\":addrbook:friends\"")))).containsExactly("valid");
    assertThat(mailboxes(run(script.formatted("[\":addrbook:default\", \":addrbook:friends\"]"))))
        .containsExactly("valid");
    assertThat(mailboxes(run(script.formatted("[\":addrbook:friends\", \":addrbook:other\"]"))))
        .containsExactly("INBOX");
    assertThat(mailboxes(run(script.formatted("\"frop:666\"")))).containsExactly("INBOX");
  }

  @Test
  void aComparatorWithListAndRedirectListAreCompileErrors() {
    assertThat(
            errors(
                "require \"extlists\";\n"
                    + "if address :list :comparator \"i;octet\" \"from\" \":addrbook:x\" {\n"
                    + "  redirect :list \"tag:example.com,2010-05-28:mylist\";\n"
                    + "}\n"))
        .containsExactly(
            "2:12: the :list match type does not allow a comparator: remove :comparator",
            "3:12: redirect :list is not supported: redirect to an address instead");
  }

  @Test
  void listNeedsRequireExtlists() {
    assertThat(errors("if header :list \"from\" \":addrbook:default\" { stop; }\n"))
        .singleElement()
        .asString()
        .contains("extlists");
  }
}
