package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SieveCommandTest {

  private static final String MESSAGE =
      "Return-Path: <owner-list@lists.example.org>\r\n"
          + "From: Alice <alice@example.org>\r\n"
          + "To: bob@example.net\r\n"
          + "List-Id: <dev.example.org>\r\n"
          + "Subject: =?UTF-8?Q?caf=C3=A9?= meeting\r\n"
          + "\r\n"
          + "Hello Bob.\r\n";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  @TempDir Path directory;

  private int run(String... args) {
    out.reset();
    err.reset();
    return new Main()
        .run(
            args,
            new Terminal(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path file(String name, String content) throws IOException {
    Path path = directory.resolve(name);
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return path;
  }

  private JsonNode actions(String script, String... options) throws IOException {
    return actionsFor(MESSAGE, script, options);
  }

  private JsonNode actionsFor(String messageText, String script, String... options)
      throws IOException {
    Path scriptFile = file("script.sieve", script);
    Path message = file("message.eml", messageText);
    List<String> args =
        new ArrayList<>(List.of("sieve", "test", scriptFile.toString(), message.toString()));
    args.addAll(List.of(options));
    args.add("--json");
    int status = run(args.toArray(String[]::new));
    assertThat(status).as(stderr()).isEqualTo(Main.OK);
    String[] lines = stdout().strip().split("\n");
    assertThat(lines).as("exactly one JSON object").hasSize(1);
    JsonNode document = new ObjectMapper().readTree(lines[0]);
    assertThat(document.size()).isEqualTo(1);
    return document.get("actions");
  }

  @Test
  void checkAcceptsAValidScript() throws IOException {
    Path script = file("ok.sieve", "require \"fileinto\";\nfileinto \"Archive\";\n");
    assertThat(run("sieve", "check", script.toString())).as(stderr()).isEqualTo(Main.OK);
    assertThat(stderr()).isEmpty();
  }

  @Test
  void checkReportsEveryErrorWithFileLineAndColumn() throws IOException {
    Path script =
        file(
            "bad.sieve",
            "require \"fileinto\";\nfileinto \"a\"\nkeep;\nif header :is \"x\" { stop; }\nfrobnicate;\n");
    assertThat(run("sieve", "check", script.toString())).isEqualTo(Main.FAILURE);
    List<String> lines = stderr().lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
    assertThat(lines).allMatch(line -> line.matches("\\Q" + script + "\\E:\\d+:\\d+: .+"));
    assertThat(lines).anyMatch(line -> line.startsWith(script + ":5:"));
  }

  @Test
  void checkOfAMissingFileIsARuntimeFailure() {
    assertThat(run("sieve", "check", directory.resolve("none.sieve").toString()))
        .isEqualTo(Main.FAILURE);
    assertThat(stderr()).contains("none.sieve").contains("no such file");
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path script = file("ok.sieve", "keep;");
    assertThat(run("sieve")).isEqualTo(Main.USAGE);
    assertThat(run("sieve", "check")).isEqualTo(Main.USAGE);
    assertThat(run("sieve", "test", script.toString())).isEqualTo(Main.USAGE);
    assertThat(run("sieve", "frob", script.toString())).isEqualTo(Main.USAGE);
    assertThat(run("sieve", "check", script.toString(), "--json")).isEqualTo(Main.USAGE);
    assertThat(run("sieve", "test", script.toString(), "m", "--bogus")).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("postern help sieve");
  }

  @Test
  void fileintoWithFlagsIsAnExplicitStore() throws IOException {
    JsonNode actions =
        actions(
            "require [\"fileinto\", \"imap4flags\"];\n"
                + "if header :contains \"List-Id\" \"<dev.example.org>\" {\n"
                + "  fileinto :flags \"\\\\Seen\" \"lists.dev\";\n"
                + "}\n");
    assertThat(actions).hasSize(1);
    JsonNode store = actions.get(0);
    assertThat(store.get("action").asText()).isEqualTo("store");
    assertThat(store.get("mailbox").asText()).isEqualTo("lists.dev");
    assertThat(store.get("flags").get(0).asText()).isEqualTo("\\Seen");
    assertThat(store.get("implicit").asBoolean()).isFalse();
  }

  @Test
  void implicitKeepIsAStoreIntoInboxMarkedImplicit() throws IOException {
    JsonNode actions = actions("if header :is \"Subject\" \"nothing\" { discard; }");
    assertThat(actions).hasSize(1);
    assertThat(actions.get(0).toString())
        .isEqualTo("{\"action\":\"store\",\"mailbox\":\"INBOX\",\"flags\":[],\"implicit\":true}");
  }

  @Test
  void encodedWordsAreDecodedForHeaderTests() throws IOException {
    JsonNode actions = actions("if header :contains \"Subject\" \"café\" { discard; }");
    assertThat(actions.toString()).isEqualTo("[{\"action\":\"discard\"}]");
  }

  @Test
  void redirectAndRejectShapes() throws IOException {
    assertThat(actions("redirect \"carol@example.com\";").toString())
        .isEqualTo("[{\"action\":\"redirect\",\"address\":\"carol@example.com\"}]");
    assertThat(actions("require \"reject\"; reject \"not \\\"here\\\"\";").toString())
        .isEqualTo("[{\"action\":\"reject\",\"reason\":\"not \\\"here\\\"\"}]");
  }

  @Test
  void vacationShape() throws IOException {
    // Not MESSAGE: that one comes from a mailing list, which vacation never answers.
    JsonNode actions =
        actionsFor(
            "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: hi\r\n\r\nHi.\r\n",
            "require [\"vacation\", \"vacation-seconds\"];\n"
                + "vacation :seconds 3600 :subject \"Away\" :from \"bob@example.net\" \"Back soon\";\n");
    JsonNode vacation = actions.get(0);
    assertThat(vacation.get("action").asText()).isEqualTo("vacation");
    assertThat(vacation.get("subject").asText()).isEqualTo("Away");
    assertThat(vacation.get("seconds").asLong()).isEqualTo(3600);
    assertThat(vacation.get("from").asText()).isEqualTo("bob@example.net");
    assertThat(actions.get(1).get("implicit").asBoolean()).isTrue();
  }

  @Test
  void notifyShape() throws IOException {
    JsonNode actions =
        actions(
            "require \"enotify\";\n"
                + "notify :importance \"1\" :message \"list mail\" \"mailto:carol@example.com\";\n");
    JsonNode notify = actions.get(0);
    assertThat(notify.get("action").asText()).isEqualTo("notify");
    assertThat(notify.get("method").asText()).isEqualTo("mailto:carol@example.com");
    assertThat(notify.get("importance").asText()).isEqualTo("1");
    assertThat(notify.get("message").asText()).isEqualTo("list mail");
    assertThat(actions.get(1).get("implicit").asBoolean()).isTrue();
  }

  @Test
  void headerEditsAppearBeforeTheActionsThatDeliverThem() throws IOException {
    JsonNode actions =
        actions(
            "require [\"editheader\", \"fileinto\", \"copy\"];\n"
                + "fileinto :copy \"before\";\n"
                + "addheader \"X-Filtered\" \"yes\";\n"
                + "deleteheader \"List-Id\";\n");
    assertThat(actions.findValuesAsText("action")).containsExactly("store", "editheader", "store");
    assertThat(actions.get(0).get("mailbox").asText()).isEqualTo("before");
    JsonNode edit = actions.get(1);
    assertThat(edit.get("added").toString())
        .isEqualTo("[{\"name\":\"X-Filtered\",\"value\":\"yes\"}]");
    assertThat(edit.get("deleted").toString())
        .isEqualTo("[{\"name\":\"List-Id\",\"value\":\"<dev.example.org>\"}]");
    assertThat(actions.get(2).get("implicit").asBoolean()).isTrue();
  }

  @Test
  void textOutputShowsHeaderEdits() throws IOException {
    Path script = file("e.sieve", "require \"editheader\";\naddheader \"X-Filtered\" \"yes\";\n");
    Path message = file("m.eml", MESSAGE);
    assertThat(run("sieve", "test", script.toString(), message.toString())).isEqualTo(Main.OK);
    assertThat(stdout()).contains(" * edit header:\n    + add X-Filtered: yes\n");
  }

  @Test
  void envelopeComesFromOptionsOrElseFromHeaders() throws IOException {
    String script =
        "require [\"envelope\", \"fileinto\"];\n"
            + "if envelope :is \"from\" \"owner-list@lists.example.org\" { fileinto \"from-header\"; }\n"
            + "if envelope :is \"from\" \"x@y.example\" { fileinto \"from-option\"; }\n"
            + "if envelope :is \"to\" \"bob@example.net\" { fileinto \"to-header\"; }\n"
            + "if envelope :is \"to\" \"z@y.example\" { fileinto \"to-option\"; }\n";
    assertThat(actions(script).findValuesAsText("mailbox"))
        .containsExactly("from-header", "to-header");
    assertThat(
            actions(script, "--from", "x@y.example", "--to", "z@y.example")
                .findValuesAsText("mailbox"))
        .containsExactly("from-option", "to-option");
  }

  @Test
  void textOutputListsPerformedActionsThenImplicitKeep() throws IOException {
    Path script =
        file(
            "s.sieve",
            "require [\"fileinto\", \"copy\"];\nfileinto :copy \"Archive\";\nredirect :copy \"c@example.com\";\n");
    Path message = file("m.eml", MESSAGE);
    assertThat(run("sieve", "test", script.toString(), message.toString())).isEqualTo(Main.OK);
    assertThat(stdout())
        .isEqualTo(
            "\nPerformed actions:\n\n"
                + " * store message in folder: Archive\n"
                + " * redirect message to: <c@example.com>\n"
                + "\nImplicit keep:\n\n"
                + " * store message in folder: INBOX\n\n");
  }

  @Test
  void aFailedRunKeepsTheMessageAndExitsOne() throws IOException {
    Path script =
        file("s.sieve", "require [\"fileinto\", \"reject\"];\nfileinto \"a\";\nreject \"no\";\n");
    Path message = file("m.eml", MESSAGE);
    assertThat(run("sieve", "test", script.toString(), message.toString(), "--json"))
        .isEqualTo(Main.FAILURE);
    assertThat(stdout().strip())
        .isEqualTo(
            "{\"actions\":[{\"action\":\"store\",\"mailbox\":\"INBOX\",\"flags\":[],\"implicit\":true}]}");
    assertThat(stderr()).contains("run failed");
  }

  @Test
  void testOfAScriptThatDoesNotCompilePrintsTheErrors() throws IOException {
    Path script = file("s.sieve", "fileinto \"a\";\n");
    Path message = file("m.eml", MESSAGE);
    assertThat(run("sieve", "test", script.toString(), message.toString())).isEqualTo(Main.FAILURE);
    assertThat(stderr()).startsWith(script + ":1:1: ");
    assertThat(stdout()).isEmpty();
  }
}
