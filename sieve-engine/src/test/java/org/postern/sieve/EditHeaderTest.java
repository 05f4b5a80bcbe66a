package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.RedirectAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.extensions.EditHeaderExtension;
import org.postern.sieve.extensions.EditHeaderSettings;
import org.postern.sieve.message.SieveMessage;

class EditHeaderTest {

  private static final SieveMessage ORIGINAL = SieveMessage.parse(Scripts.MESSAGE);

  private static SieveMessage deliveredBy(SieveResult result, int index) {
    return result.messageFor(index, ORIGINAL);
  }

  @Test
  void addheaderPrependsAndLastAppends() throws Exception {
    SieveResult result =
        Scripts.run(
            "require \"editheader\"; addheader \"X-First\" \"one\"; addheader :last \"X-Last\""
                + " \"two\";");
    SieveMessage edited = deliveredBy(result, 0);
    assertThat(edited.headers().get(0).name()).isEqualTo("X-First");
    assertThat(edited.headers().get(edited.headers().size() - 1).name()).isEqualTo("X-Last");
    assertThat(edited.size())
        .isEqualTo(ORIGINAL.size() + "X-First: one\r\n".length() + "X-Last: two\r\n".length());
    assertThat(new String(edited.body(), StandardCharsets.UTF_8))
        .isEqualTo("Hello Bob,\r\nlunch at noon?\r\n");
  }

  @Test
  void testsSeeTheEditedMessage() throws Exception {
    SieveResult result =
        Scripts.run(
            "require [\"editheader\", \"fileinto\"]; deleteheader \"list-id\";"
                + " if not exists \"List-Id\" { fileinto \"Gone\"; }");
    assertThat(result.actions()).containsExactly(new StoreAction("Gone", List.of(), false));
  }

  @Test
  void eachActionDeliversTheMessageAsItWasWhenRecorded() throws Exception {
    SieveResult result =
        Scripts.run(
            "require [\"editheader\", \"fileinto\"]; addheader \"X-A\" \"1\";"
                + " redirect \"x@example.org\"; deleteheader \"X-A\"; fileinto \"F\";");
    assertThat(result.actions().get(0)).isEqualTo(new RedirectAction("x@example.org"));
    assertThat(deliveredBy(result, 0).rawHeaders("X-A")).containsExactly("1");
    assertThat(deliveredBy(result, 1).rawHeaders("X-A")).isEmpty();
  }

  @Test
  void deleteheaderWithIndexLastAndPatterns() throws Exception {
    SieveMessage message =
        SieveMessage.parse("X-A: one\r\nX-A: two\r\nX-A: three\r\nX-B: keep me\r\n\r\nbody\r\n");
    SieveResult result =
        SieveCompiler.create()
            .compile(
                "require \"editheader\"; deleteheader :index 1 :last \"X-A\";"
                    + " deleteheader :contains \"x-b\" \"nothing\";"
                    + " deleteheader :matches \"x-a\" \"o*\";")
            .run(message, new org.postern.sieve.message.SieveEnvelope("a@b.c", "d@e.f"));
    SieveMessage edited = result.messageFor(0, message);
    assertThat(edited.rawHeaders("X-A")).containsExactly("two");
    assertThat(edited.rawHeaders("X-B")).containsExactly("keep me");
  }

  @Test
  void protectedFieldsAreLeftAlone() throws Exception {
    SieveCompiler compiler =
        SieveCompiler.create(
            SieveLimits.defaults(),
            List.of(
                new EditHeaderExtension(
                    new EditHeaderSettings(Set.of("X-Spam-Score"), Set.of("x-spam-score"), 100))));
    SieveMessage message =
        SieveMessage.parse("Received: by x\r\nX-Spam-Score: 3\r\nSubject: s\r\n\r\nb\r\n");
    SieveResult result =
        compiler
            .compile(
                "require \"editheader\"; deleteheader \"received\"; deleteheader \"X-Spam-Score\";"
                    + " addheader \"x-spam-score\" \"0\"; deleteheader \"subject\";"
                    + " addheader \"Received\" \"by sieve\";")
            .run(message, new org.postern.sieve.message.SieveEnvelope("a@b.c", "d@e.f"));
    SieveMessage edited = result.messageFor(0, message);
    assertThat(edited.rawHeaders("Received")).containsExactly("by sieve", "by x");
    assertThat(edited.rawHeaders("X-Spam-Score")).containsExactly("3");
    assertThat(edited.rawHeaders("Subject")).isEmpty();
  }

  @Test
  void nonAsciiValuesAreEncodedAndFolded() throws Exception {
    SieveResult result =
        Scripts.run(
            "require \"editheader\"; addheader \"Comment\" \"Gr\u00fc\u00dfe\nzweite Zeile\";");
    SieveMessage edited = deliveredBy(result, 0);
    assertThat(new String(edited.raw(), StandardCharsets.ISO_8859_1))
        .startsWith("Comment: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n zweite Zeile\r\n");
    assertThat(edited.decodedHeaders("comment")).containsExactly("Grüße zweite Zeile");
  }

  @Test
  void invalidNamesAndValuesAreCompileErrors() {
    assertThatThrownBy(
            () ->
                SieveCompiler.create()
                    .compile(
                        "require \"editheader\"; addheader \"X:y\" \"v\"; deleteheader :last"
                            + " \"X\"; addheader \"X\" \"a\\u0000\";"))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e -> assertThat(e.diagnostics()).hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void invalidNameFromAVariableFailsTheRunWithImplicitKeep() throws Exception {
    SieveResult result =
        Scripts.run(
            "require [\"editheader\", \"variables\"]; set \"n\" \"Bad Name\";"
                + " addheader \"${n}\" \"v\";");
    assertThat(result.failed()).isTrue();
    assertThat(result.implicitKeep()).isTrue();
    assertThat(result.editedMessages()).isEmpty();
  }

  @Test
  void controlCharactersInALiteralValueAreAWarningAndNulAnError() throws Exception {
    SieveProgram program =
        SieveCompiler.create()
            .compile(
                "require [\"editheader\", \"encoded-character\"];\n"
                    + "addheader \"X-A\" \"Yeah${hex:07}!\";\naddheader \"X-B\" \"a\r\n b\";\n");
    assertThat(program.warnings())
        .extracting(SieveDiagnostic::toString)
        .containsExactly(
            "2:17: warning: header value contains control characters other than line breaks and"
                + " tabs");
    assertThatThrownBy(
            () ->
                SieveCompiler.create()
                    .compile(
                        "require [\"editheader\", \"encoded-character\"];\n"
                            + "addheader \"X-A\" \"Yeah${hex:07}!\";\n"
                            + "addheader \"X-B\" \"Woah${hex:00}!\";\n"))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("1 error\n");
              assertThat(e.diagnostics())
                  .extracting(SieveDiagnostic::warning)
                  .containsExactly(true, false);
            });
  }
}
