package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postern.sieve.action.DiscardAction;
import org.postern.sieve.action.RedirectAction;
import org.postern.sieve.action.RejectAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

class InterpreterTest {

  private static StoreAction implicitKeep() {
    return new StoreAction("INBOX", List.of(), true);
  }

  @Test
  void emptyScriptKeepsImplicitly() throws Exception {
    assertThat(Scripts.run("").actions()).containsExactly(implicitKeep());
  }

  @Test
  void fileintoCancelsImplicitKeepAndCopyDoesNot() throws Exception {
    assertThat(Scripts.run("require \"fileinto\"; fileinto \"Lists\";").actions())
        .containsExactly(new StoreAction("Lists", List.of(), false));
    assertThat(Scripts.run("require [\"fileinto\", \"copy\"]; fileinto :copy \"Lists\";").actions())
        .containsExactly(new StoreAction("Lists", List.of(), false), implicitKeep());
  }

  @Test
  void duplicateActionsAreMerged() throws Exception {
    SieveResult result =
        Scripts.run(
            "require \"fileinto\"; fileinto \"A\"; fileinto \"A\"; keep; keep; redirect \"x@y.z\";"
                + " redirect \"x@y.z\";");
    assertThat(result.actions())
        .containsExactly(
            new StoreAction("A", List.of(), false),
            new StoreAction("INBOX", List.of(), false),
            new RedirectAction("x@y.z"));
  }

  @Test
  void discardOnlyCancelsImplicitKeep() throws Exception {
    assertThat(Scripts.run("discard;").actions()).containsExactly(new DiscardAction());
    assertThat(Scripts.run("discard; keep;").actions())
        .containsExactly(new DiscardAction(), new StoreAction("INBOX", List.of(), false));
  }

  @Test
  void stopEndsTheScript() throws Exception {
    assertThat(Scripts.run("stop; discard;").actions()).containsExactly(implicitKeep());
  }

  @Test
  void rejectConflictsWithFileintoAndFallsBackToImplicitKeep() throws Exception {
    SieveResult result =
        Scripts.run("require [\"fileinto\", \"reject\"]; fileinto \"A\"; reject \"no\";");
    assertThat(result.failed()).isTrue();
    assertThat(result.actions()).containsExactly(implicitKeep());
    assertThat(Scripts.run("require \"ereject\"; ereject \"go away\";").actions())
        .containsExactly(new RejectAction("go away", true));
  }

  @Test
  void ifElsifElseChoosesTheFirstTrueBranch() throws Exception {
    String script =
        "require \"fileinto\";\n"
            + "if header :contains \"Subject\" \"nothing\" { fileinto \"A\"; }\n"
            + "elsif header :is \"Subject\" \"café menu today\" { fileinto \"B\"; }\n"
            + "else { fileinto \"C\"; }";
    assertThat(Scripts.run(script).actions())
        .containsExactly(new StoreAction("B", List.of(), false));
  }

  @Test
  void headerTestDecodesEncodedWordsAndUsesComparators() throws Exception {
    assertThat(Scripts.run("if header :matches \"subject\" \"Caf? *\" { discard; }").actions())
        .containsExactly(new DiscardAction());
    assertThat(
            Scripts.run(
                    "if header :comparator \"i;octet\" :is \"Subject\" \"café MENU today\" {"
                        + " discard; }")
                .actions())
        .containsExactly(implicitKeep());
  }

  @Test
  void addressTestExtractsParts() throws Exception {
    assertThat(Scripts.run("if address :domain :is \"to\" \"example.net\" { discard; }").actions())
        .containsExactly(new DiscardAction());
    assertThat(
            Scripts.run(
                    "require \"subaddress\";"
                        + " if address :detail \"from\" \"news\" { discard; }")
                .actions())
        .containsExactly(new DiscardAction());
    assertThat(Scripts.run("if address :localpart \"from\" \"alice\" { discard; }").actions())
        .containsExactly(implicitKeep());
  }

  @Test
  void envelopeSizeExistsAndLogic() throws Exception {
    String script =
        "require \"envelope\";"
            + "if allof (envelope :user \"to\" \"bob\", size :under 1M, exists [\"List-Id\","
            + " \"From\"], not exists \"X-Nope\", anyof (false, true)) { discard; }";
    assertThatThrownBy(() -> Scripts.run(script))
        .isInstanceOf(SieveCompileException.class)
        .hasMessageContaining("':user' needs require \"subaddress\"");
    assertThat(
            Scripts.run(script.replace("\"envelope\"", "[\"envelope\", \"subaddress\"]")).actions())
        .containsExactly(new DiscardAction());
  }

  @Test
  void variablesExpandMatchesAndModifiers() throws Exception {
    String script =
        "require [\"variables\", \"fileinto\"];\n"
            + "if header :matches \"List-Id\" \"<*.lists.*>\" {\n"
            + "  set :upperfirst \"folder\" \"${1}\";\n"
            + "  fileinto \"Lists.${folder}-${2}\";\n"
            + "}";
    assertThat(Scripts.run(script).actions())
        .containsExactly(new StoreAction("Lists.Dev-example.org", List.of(), false));
  }

  @Test
  void relationalAndNumericComparator() throws Exception {
    String script =
        "require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
            + "if header :value \"ge\" :comparator \"i;ascii-numeric\" \"X-Spam-Score\" \"10\""
            + " { discard; }";
    assertThat(Scripts.run(script).actions()).containsExactly(new DiscardAction());
    String counting =
        "require \"relational\"; if address :count \"eq\" :comparator"
            + " \"i;ascii-numeric\" \"to\" \"2\" { discard; }";
    assertThatThrownBy(() -> Scripts.run(counting))
        .hasMessageContaining("needs require \"comparator-i;ascii-numeric\"");
    assertThat(
            Scripts.run(
                    counting.replace(
                        "\"relational\"", "[\"relational\", \"comparator-i;ascii-numeric\"]"))
                .actions())
        .containsExactly(new DiscardAction());
  }

  @Test
  void regexUsesLinearTimeEngineAndRejectsBadPatterns() throws Exception {
    assertThat(
            Scripts.run("require \"regex\"; if header :regex \"from\" \"^\\\"?alice\" { discard; }")
                .actions())
        .containsExactly(new DiscardAction());
    assertThatThrownBy(() -> Scripts.run("require \"regex\"; if header :regex \"from\" \"(\" {}"))
        .hasMessageContaining("invalid regular expression");
  }

  @Test
  void invalidRegexFromVariablesIsANonFatalErrorAndTheRunContinues() throws Exception {
    SieveResult result =
        Scripts.run(
            "require [\"regex\", \"variables\", \"fileinto\"];"
                + " set \"bad\" \"[\";"
                + " if header :regex \"from\" [\"${bad}\", \"^nomatch$\"] { fileinto \"A\"; }"
                + " if header :regex \"from\" [\"${bad}\", \"alice\"] { fileinto \"B\"; }");
    assertThat(result.failed()).isFalse();
    assertThat(result.actions()).containsExactly(new StoreAction("B", List.of(), false));
    assertThat(result.nonFatalErrors())
        .hasSize(2)
        .allSatisfy(error -> assertThat(error).contains("invalid regular expression '['"));
    assertThat(result.allErrors()).isEqualTo(result.nonFatalErrors());
  }

  @Test
  void nonFatalErrorsAreKeptWhenALaterErrorEndsTheRun() throws Exception {
    SieveResult result =
        Scripts.run(
            "require [\"regex\", \"variables\", \"reject\", \"fileinto\"];"
                + " set \"bad\" \"(\";"
                + " if header :regex \"from\" \"${bad}\" { discard; }"
                + " reject \"no\"; fileinto \"A\";");
    assertThat(result.failed()).isTrue();
    assertThat(result.nonFatalErrors()).hasSize(1);
    assertThat(result.allErrors()).hasSize(2).last().isEqualTo(result.error().orElseThrow());
    assertThat(result.implicitKeep()).isTrue();
  }

  @Test
  void envelopeReadsPathsLikePigeonhole() throws Exception {
    SieveProgram program =
        SieveCompiler.create()
            .compile(
                "require \"envelope\";"
                    + " if envelope :localpart :is \"from\" \"stephan\" { discard; }"
                    + " if envelope :domain :contains \"to\" \"\" { keep; }");
    SieveMessage message = SieveMessage.parse(Scripts.MESSAGE);
    assertThat(
            program
                .run(
                    message,
                    new SieveEnvelope("<@relay.example:stephan@example.org>", "bob@example.net"))
                .actions())
        .containsExactly(new DiscardAction(), new StoreAction("INBOX", List.of(), false));
    // Invalid paths give no value at all, not even for :contains "".
    assertThat(program.run(message, new SieveEnvelope("stephan@@example.org", "bob@")).actions())
        .containsExactly(new StoreAction("INBOX", List.of(), true));
  }

  @Test
  void imap4flagsAttachToStores() throws Exception {
    String script =
        "require [\"imap4flags\", \"fileinto\"];"
            + " setflag \"\\\\Seen\"; addflag [\"$Work\", \"\\\\seen\"]; fileinto \"A\";"
            + " removeflag \"\\\\Seen\"; keep;"
            + " fileinto :flags \"\\\\Flagged\" \"B\";";
    assertThat(Scripts.run(script).actions())
        .containsExactly(
            new StoreAction("A", List.of("\\Seen", "$Work"), false),
            new StoreAction("INBOX", List.of("$Work"), false),
            new StoreAction("B", List.of("\\Flagged"), false));
  }

  @Test
  void bodyAndEnvironmentTests() throws Exception {
    assertThat(Scripts.run("require \"body\"; if body :contains \"LUNCH\" { discard; }").actions())
        .containsExactly(new DiscardAction());
    assertThat(
            Scripts.run("require \"environment\"; if environment \"location\" \"MDA\" { discard; }")
                .actions())
        .containsExactly(new DiscardAction());
  }

  @Test
  void encodedCharacterDecodesOnlyWhenRequired() throws Exception {
    String script = "require \"fileinto\"; fileinto \"${hex:41 42}${unicode:263A}\";";
    assertThat(Scripts.run(script).actions())
        .containsExactly(new StoreAction("${hex:41 42}${unicode:263A}", List.of(), false));
    assertThat(
            Scripts.run(script.replace("\"fileinto\";", "[\"fileinto\", \"encoded-character\"];"))
                .actions())
        .containsExactly(new StoreAction("AB\u263A", List.of(), false));
  }

  @Test
  void eachCommandReportsOnlyItsFirstArgumentError() {
    assertThatThrownBy(
            () ->
                Scripts.run(
                    "if header :frop :is 13 \"b\" { keep; }\n"
                        + "if address :all :localpart \"to\" \"b\" \"c\" { keep; }\n"
                        + "if size :over \"x\" { keep; }\n"))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e ->
                assertThat(e.diagnostics())
                    .extracting(SieveDiagnostic::toString)
                    .containsExactly(
                        "1:11: unknown tagged argument ':frop' for the header test (reported only"
                            + " once at first occurrence)",
                        "2:17: ':localpart' conflicts with ':all' (only one address part allowed)",
                        "3:15: the size test expects a number as argument 1 (limit), but a string"
                            + " was found"));
  }

  @Test
  void validationReportsMissingRequiresAndBadArguments() {
    assertThatThrownBy(
            () ->
                Scripts.run(
                    "fileinto \"A\";\nif header :over \"a\" \"b\" { keep; }\n"
                        + "require \"nope\";\nsize 1;\nelse { keep; }"))
        .isInstanceOfSatisfying(
            SieveCompileException.class,
            e ->
                assertThat(e.diagnostics())
                    .extracting(SieveDiagnostic::toString)
                    .containsExactly(
                        "1:1: command 'fileinto' needs require \"fileinto\" (reported only at its"
                            + " first use)",
                        "2:11: unknown tagged argument ':over' for the header test (reported only"
                            + " once at first occurrence)",
                        "3:1: 'require' must come before all other commands",
                        "4:1: attempted to use test 'size' as command: tests are conditions, e.g."
                            + " if size ... { }",
                        "5:1: 'else' must follow 'if' or 'elsif'"));
  }

  private static java.util.List<String> errors(String script) {
    try {
      SieveCompiler.create().compile(script);
      return java.util.List.of();
    } catch (SieveCompileException e) {
      return e.diagnostics().stream().map(SieveDiagnostic::toString).toList();
    }
  }

  @Test
  void unknownCommandsTestsAndTagsAreReportedOnceAndMisusedTestsEachTime() {
    assertThat(
            errors(
                "frop;\nfrop;\nif friep { }\nif friep { }\n"
                    + "keep :x;\nkeep :x;\ndiscard :x;\nif keep { }\nif keep { }\n"))
        .containsExactly(
            "1:1: unknown command 'frop' (reported only at its first use)",
            "3:4: unknown test 'friep' (reported only at its first use)",
            "5:6: unknown tagged argument ':x' for the keep command (reported only once at first"
                + " occurrence)",
            "7:9: unknown tagged argument ':x' for the discard command (reported only once at"
                + " first occurrence)",
            "8:4: attempted to use command 'keep' as test: commands cannot be used as conditions",
            "9:4: attempted to use command 'keep' as test: commands cannot be used as conditions");
  }

  @Test
  void aSpuriousTestIsReportedWithBadArgumentsAndABlockOnlyWhenBothAreRight() {
    assertThat(errors("stop \"frop\" true { stop; }\nstop { keep; }\n"))
        .containsExactly(
            "1:1: the stop command requires 0 positional arguments, but 1 is specified",
            "1:1: the stop command accepts no sub-tests, but tests are specified: remove 'true'",
            "2:1: the stop command does not accept a command block: end it with ';' instead of"
                + " '{ ... }'");
  }

  @Test
  void aTestAfterACommandIsExplainedAsTheLikelyTypo() {
    assertThat(
            errors(
                "require \"fileinto\";\nfileinto \"a\"\nkeep;\nfileinto \"b\" snot;\n"
                    + "if address matches \"from\" \"x\" { stop; }\n"))
        .containsExactly(
            "2:1: missing semicolon ';' after fileinto command (before 'keep')",
            "4:1: missing semicolon ';' after fileinto command (before 'snot')",
            "5:4: the address test requires 2 positional arguments, but 0 are specified",
            "5:4: missing colon ':' before ':matches' tag in address test");
  }

  @Test
  void tagsGoBeforePositionalArgumentsAndMisplacedElsifIsReportedOnce() {
    assertThat(
            errors("if size 3 :over { stop; }\nstop;\nelsif true { }\nelsif true { }\nelse { }\n"))
        .containsExactly(
            "1:11: encountered an unexpected tagged argument ':over' while validating positional"
                + " arguments for the size test: tags go before the positional arguments",
            "3:1: 'elsif' must follow 'if' or 'elsif'");
  }

  @Test
  void theAddressTestAcceptsOnlyAddressFieldsAsConstants() {
    assertThat(errors("if address :is [\"to\", \"frop\"] \"x\" { keep; }\n"))
        .singleElement()
        .asString()
        .startsWith("1:16: header 'frop' is not allowed for the address test");
    assertThat(errors("if address :is [\"Reply-To\", \"x-beenthere\"] \"x\" { keep; }\n"))
        .isEmpty();
  }

  @Test
  void encodedCharactersWithoutContentStayLiteral() throws Exception {
    String script =
        "require [\"fileinto\", \"encoded-character\"];"
            + " fileinto \"${hex:}${unicode:}${hex: 41 }${unicode:}\";";
    assertThat(Scripts.run(script).actions())
        .containsExactly(new StoreAction("${hex:}${unicode:}A${unicode:}", List.of(), false));
  }

  @Test
  void aLiteralMailboxDecodingToInvalidUtf8IsACompileError() {
    assertThat(
            errors("require [\"fileinto\", \"encoded-character\"];\nfileinto \"${hex:ff}rop\";\n"))
        .containsExactly(
            "2:10: mailbox name is not valid UTF-8: check its ${hex:...} encoded characters");
  }

  @Test
  void unsupportedExtensionIsACompileError() {
    assertThatThrownBy(() -> Scripts.run("require \"vnd.nobody.thing\";"))
        .hasMessageContaining("1:9: unsupported extension 'vnd.nobody.thing'");
  }

  @Test
  void unicodeEncodedCharactersBeyondU10ffffAreErrorsHoweverManyDigits() {
    String require = "require [\"fileinto\", \"encoded-character\"];\n";
    assertThat(errors(require + "fileinto \"INBOX${unicode:333333333}\";"))
        .singleElement()
        .asString()
        .startsWith("2:10: invalid unicode character U+333333333");
    assertThat(errors(require + "fileinto \"INBOX${unicode:33333333333333333}\";")).hasSize(1);
    assertThat(errors(require + "fileinto \"${unicode:0000000041}\";")).isEmpty();
  }
}
