package org.postern.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.postern.sieve.SieveCompileException;
import org.postern.sieve.SieveCompiler;
import org.postern.sieve.SieveDiagnostic;
import org.postern.sieve.SieveProgram;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.message.Addresses;
import org.postern.sieve.message.SieveEnvelope;
import org.postern.sieve.message.SieveMessage;

/**
 * {@code postern sieve check SCRIPT} compiles a script and lists every error; {@code postern sieve
 * test SCRIPT MESSAGE} runs it on a message file and prints the actions, as text like Pigeonhole's
 * {@code sieve-test} or as one JSON object.
 */
final class SieveCommand implements Command {

  /** Envelope sender when neither --from nor a sender header gives one (as sieve-test). */
  static final String DEFAULT_SENDER = "sender@example.com";

  /** Envelope recipient when neither --to nor a recipient header gives one (as sieve-test). */
  static final String DEFAULT_RECIPIENT = "recipient@example.com";

  @Override
  public String name() {
    return "sieve";
  }

  @Override
  public String summary() {
    return "check a Sieve script, or run it on a message and print the actions";
  }

  @Override
  public String arguments() {
    return "check SCRIPT | test SCRIPT MESSAGE";
  }

  @Override
  public String description() {
    return String.join(
        "\n",
        "'check SCRIPT' compiles the script and prints each error as FILE:LINE:COL: message;",
        "exit 0 when it compiles, 1 when it does not.",
        "",
        "'test SCRIPT MESSAGE' runs the script on the RFC 5322 message file and prints the",
        "actions: the performed actions, then the implicit keep. --json prints one object",
        "{\"actions\":[...]} instead, where the implicit keep is a store with \"implicit\":true.",
        "Without --from, the envelope sender is taken from Return-Path, Sender or From",
        "(else " + DEFAULT_SENDER + "); without --to, the recipient from Envelope-To or To",
        "(else " + DEFAULT_RECIPIENT + "). Exit 1 when the script does not compile or its",
        "run failed (the message is then kept in INBOX).");
  }

  @Override
  public Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder().longOpt("from").hasArg().argName("ADDR").desc("envelope sender").get());
    options.addOption(
        Option.builder().longOpt("to").hasArg().argName("ADDR").desc("envelope recipient").get());
    options.addOption(
        Option.builder().longOpt("json").desc("print the actions as one JSON object").get());
    return options;
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws Exception {
    List<String> words = line.getArgList();
    if (words.isEmpty()) {
      throw new UsageException("expected 'check SCRIPT' or 'test SCRIPT MESSAGE'");
    }
    switch (words.get(0)) {
      case "check":
        if (words.size() != 2) {
          throw new UsageException("expected 'check SCRIPT'");
        }
        if (line.hasOption("from") || line.hasOption("to") || line.hasOption("json")) {
          throw new UsageException("--from, --to and --json apply only to 'test'");
        }
        return check(Path.of(words.get(1)), terminal);
      case "test":
        if (words.size() != 3) {
          throw new UsageException("expected 'test SCRIPT MESSAGE'");
        }
        return test(line, Path.of(words.get(1)), Path.of(words.get(2)), terminal);
      default:
        throw new UsageException(
            "unknown sieve action '" + words.get(0) + "'; expected 'check' or 'test'");
    }
  }

  private static int check(Path script, Terminal terminal) throws IOException {
    try {
      compile(script);
      return Main.OK;
    } catch (SieveCompileException e) {
      printDiagnostics(script, e, terminal);
      return Main.FAILURE;
    }
  }

  private static int test(CommandLine line, Path script, Path messageFile, Terminal terminal)
      throws IOException {
    SieveProgram program;
    try {
      program = compile(script);
    } catch (SieveCompileException e) {
      printDiagnostics(script, e, terminal);
      return Main.FAILURE;
    }
    SieveMessage message = SieveMessage.parse(read(messageFile));
    String from =
        line.getOptionValue(
            "from", headerAddress(message, DEFAULT_SENDER, "Return-Path", "Sender", "From"));
    String to =
        line.getOptionValue("to", headerAddress(message, DEFAULT_RECIPIENT, "Envelope-To", "To"));
    SieveResult result = program.run(message, new SieveEnvelope(from, to));
    if (line.hasOption("json")) {
      Map<String, Object> document = Map.of("actions", SieveActionFormat.json(result, message));
      terminal.out().println(new ObjectMapper().writeValueAsString(document));
    } else {
      terminal.out().print(SieveActionFormat.text(result, message));
    }
    if (result.failed()) {
      terminal
          .err()
          .println(
              "postern sieve: "
                  + script
                  + ": run failed, message kept in INBOX: "
                  + result.error().orElseThrow());
      return Main.FAILURE;
    }
    return Main.OK;
  }

  private static SieveProgram compile(Path script) throws IOException, SieveCompileException {
    String source = new String(read(script), StandardCharsets.UTF_8);
    return SieveCompiler.create().compile(source);
  }

  private static byte[] read(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (IOException e) {
      throw new IOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void printDiagnostics(Path script, SieveCompileException e, Terminal terminal) {
    for (SieveDiagnostic diagnostic : e.diagnostics()) {
      terminal.err().println(script + ":" + diagnostic);
    }
  }

  /** The first address in the first of {@code names} present, as sieve-test picks it. */
  private static String headerAddress(SieveMessage message, String fallback, String... names) {
    for (String name : names) {
      for (String value : message.decodedHeaders(name)) {
        List<String> addresses = Addresses.parseList(value);
        if (!addresses.isEmpty()) {
          return addresses.get(0);
        }
      }
    }
    return fallback;
  }
}
