package org.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.postern.sieve.DifferentialCorpus.Message;
import org.postern.sieve.DifferentialCorpus.Script;
import org.postern.sieve.action.DiscardAction;
import org.postern.sieve.action.RedirectAction;
import org.postern.sieve.action.RejectAction;
import org.postern.sieve.action.SieveAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;
import org.postern.testing.Peers;

/**
 * Runs every script of {@link DifferentialCorpus} against every message with Postern and with
 * Pigeonhole's {@code sieve-test}, and compares what each would do: stored mailboxes with their
 * flags (explicit or implicit keep), redirects, rejects and discard. Vacation is not compared.
 */
class PigeonholeDifferentialIT {

  // sieve-test exits with this when the script does not compile (EX_CONFIG... as Dovecot uses).
  private static final int PIGEONHOLE_COMPILE_FAILURE = 89;

  /**
   * Cases where the two implementations legitimately differ, keyed "script/message" or "script/*",
   * with the reason. Every entry must say why the difference is not a Postern bug.
   */
  private static final Map<String, String> EXCLUDED = Map.of();

  // What Pigeonhole decided over the whole corpus, for the coverage check.
  private static final java.util.Set<String> OBSERVED =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final java.util.Set<Outcome> OUTCOMES =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  @TempDir static Path directory;
  private static Path sieveTest;
  private static Path config;

  @BeforeAll
  static void writeDovecotConfig() throws IOException {
    sieveTest = Peers.require("sieve-test");
    // sieve-test drops privileges to mail_uid and refuses root, so as root it runs as nobody;
    // the directory must then be readable and writable by that user (it caches .svbin files).
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    int uid = (Integer) Files.getAttribute(directory, "unix:uid");
    int mailUid = uid == 0 ? 65534 : uid;
    int gid = (Integer) Files.getAttribute(directory, "unix:gid");
    int mailGid = uid == 0 ? 65534 : gid;
    config = directory.resolve("dovecot.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "base_dir = " + directory.resolve("run"),
            "mail_uid = " + mailUid,
            "mail_gid = " + mailGid,
            "first_valid_uid = 0",
            "first_valid_gid = 0",
            // Needed to start even though nothing is delivered (no -e).
            "mail_location = maildir:" + directory.resolve("mail"),
            "protocols =",
            "ssl = no",
            "log_path = /dev/stderr",
            ""));
    readable(config);
  }

  @TestFactory
  Stream<DynamicTest> scriptsBehaveAsUnderPigeonhole() throws IOException {
    List<Script> scripts = DifferentialCorpus.scripts();
    List<Message> messages = DifferentialCorpus.messages();
    assertThat(scripts).hasSizeGreaterThanOrEqualTo(40);
    assertThat(messages).hasSizeGreaterThanOrEqualTo(10);
    List<DynamicTest> tests = new ArrayList<>();
    for (Script script : scripts) {
      Path scriptFile = directory.resolve(script.name() + ".sieve");
      Files.writeString(scriptFile, script.source(), StandardCharsets.UTF_8);
      readable(scriptFile);
      for (Message message : messages) {
        Path messageFile = directory.resolve(message.name() + ".eml");
        if (!Files.exists(messageFile)) {
          Files.writeString(messageFile, message.text(), StandardCharsets.UTF_8);
          readable(messageFile);
        }
        tests.add(
            DynamicTest.dynamicTest(
                script.name() + " × " + message.name(),
                () -> compare(script, scriptFile, message, messageFile)));
      }
    }
    tests.add(
        DynamicTest.dynamicTest("the corpus exercises every kind of action", () -> coverage()));
    return tests.stream();
  }

  /**
   * Guards against a comparison that agrees because it sees nothing: Pigeonhole's outcomes over the
   * corpus must include every kind of action, flags on explicit and implicit stores, and at least
   * one script Pigeonhole refuses to run as given.
   */
  private static void coverage() {
    List<String> seen = OBSERVED.stream().sorted().toList();
    assertThat(seen).anyMatch(a -> a.startsWith("store ") && !a.startsWith("store INBOX"));
    assertThat(seen).anyMatch(a -> a.startsWith("store ") && !a.endsWith("[]"));
    assertThat(seen).anyMatch(a -> a.startsWith("implicit-keep INBOX") && !a.endsWith("[]"));
    assertThat(seen).anyMatch(a -> a.equals("implicit-keep INBOX []"));
    assertThat(seen).anyMatch(a -> a.startsWith("redirect "));
    assertThat(seen).anyMatch(a -> a.startsWith("reject "));
    assertThat(seen).contains("discard");
    assertThat(seen).noneMatch(a -> a.startsWith("unparsed "));
    assertThat(OUTCOMES).as("distinct outcomes over the corpus").hasSizeGreaterThan(40);
  }

  private static void compare(Script script, Path scriptFile, Message message, Path messageFile)
      throws Exception {
    String reason = EXCLUDED.get(script.name() + "/" + message.name());
    if (reason == null) {
      reason = EXCLUDED.get(script.name() + "/*");
    }
    Assumptions.assumeTrue(reason == null, "excluded: " + reason);
    Outcome pigeonhole = pigeonhole(scriptFile, message, messageFile);
    OBSERVED.addAll(pigeonhole.actions());
    OUTCOMES.add(pigeonhole);
    Outcome postern = postern(script, message);
    assertThat(postern)
        .as("Postern vs Pigeonhole for script:\n%s\nmessage:\n%s", script.source(), message.text())
        .isEqualTo(pigeonhole);
  }

  /** What a run decided, normalised so both implementations can be compared. */
  record Outcome(boolean compiled, TreeSet<String> actions) {}

  private static Outcome postern(Script script, Message message) {
    SieveProgram program;
    try {
      program = SieveCompiler.create().compile(script.source());
    } catch (SieveCompileException e) {
      return new Outcome(false, new TreeSet<>());
    }
    SieveResult result =
        program.run(
            SieveMessage.parse(message.text()), new SieveEnvelope(message.from(), message.to()));
    TreeSet<String> actions = new TreeSet<>();
    for (SieveAction action : result.actions()) {
      if (action instanceof StoreAction store) {
        actions.add(store(store.mailbox(), store.flags(), store.implicit()));
      } else if (action instanceof RedirectAction redirect) {
        actions.add("redirect " + redirect.address().toLowerCase(Locale.ROOT));
      } else if (action instanceof RejectAction reject) {
        actions.add("reject " + reject.reason());
      } else if (action instanceof DiscardAction) {
        actions.add("discard");
      }
    }
    return new Outcome(true, actions);
  }

  private static Outcome pigeonhole(Path scriptFile, Message message, Path messageFile)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            sieveTest.toString(),
            "-c",
            config.toString(),
            "-C",
            "-f",
            message.from(),
            "-a",
            message.to(),
            "-r",
            message.to(),
            scriptFile.toString(),
            messageFile.toString());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("sieve-test finished").isTrue();
    int status = process.exitValue();
    String output = new String(out, StandardCharsets.UTF_8);
    String errors = new String(err, StandardCharsets.UTF_8);
    if (status == PIGEONHOLE_COMPILE_FAILURE && errors.contains("failed to compile")) {
      return new Outcome(false, new TreeSet<>());
    }
    if (status == 1 && errors.contains("resolved with successful implicit keep")) {
      // The run failed (e.g. an action conflict); the message was kept in INBOX.
      TreeSet<String> keep = new TreeSet<>();
      keep.add(store("INBOX", List.of(), true));
      return new Outcome(true, keep);
    }
    assertThat(status).as("sieve-test exit status; stderr: %s", errors).isZero();
    return new Outcome(true, parsePigeonhole(output));
  }

  /** Parses sieve-test's "Performed actions" and "Implicit keep" lists. */
  static TreeSet<String> parsePigeonhole(String output) {
    TreeSet<String> actions = new TreeSet<>();
    boolean implicit = false;
    String mailbox = null;
    List<String> flags = new ArrayList<>();
    for (String line : output.split("\n")) {
      boolean item = line.startsWith(" * ");
      boolean heading = line.startsWith("Implicit keep:");
      if ((item || heading || line.isEmpty()) && mailbox != null) {
        // A store's flags follow it on "+" lines; it ends at the next item, blank or heading.
        actions.add(store(mailbox, flags, implicit));
        mailbox = null;
        flags = new ArrayList<>();
      }
      if (heading) {
        implicit = true;
      } else if (item) {
        String text = line.substring(3);
        if (text.startsWith("store message in folder: ")) {
          mailbox = text.substring("store message in folder: ".length());
        } else if (text.startsWith("redirect message to: ")) {
          String address = text.substring("redirect message to: ".length());
          actions.add("redirect " + address.replaceAll("^<|>$", "").toLowerCase(Locale.ROOT));
        } else if (text.startsWith("reject message with reason: ")) {
          actions.add("reject " + text.substring("reject message with reason: ".length()));
        } else if (text.equals("discard")) {
          actions.add("discard");
        } else {
          actions.add("unparsed " + text);
        }
      } else if (line.strip().startsWith("+ add IMAP flags: ") && mailbox != null) {
        String list = line.strip().substring("+ add IMAP flags: ".length());
        flags.addAll(List.of(list.split(" ")));
      }
    }
    if (mailbox != null) {
      actions.add(store(mailbox, flags, implicit));
    }
    return actions;
  }

  private static String store(String mailbox, List<String> flags, boolean implicit) {
    TreeSet<String> normalised = new TreeSet<>();
    for (String flag : flags) {
      if (!flag.isBlank()) {
        // IMAP flags are case-insensitive; Pigeonhole prints system flags in lower case.
        normalised.add(flag.toLowerCase(Locale.ROOT));
      }
    }
    String name = mailbox.equalsIgnoreCase("INBOX") ? "INBOX" : mailbox;
    return (implicit ? "implicit-keep " : "store ") + name + " " + normalised;
  }

  private static void readable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }
}
