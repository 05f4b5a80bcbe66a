package org.postern.sieve.testsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postern.sieve.SieveCompileException;
import org.postern.sieve.SieveCompiler;
import org.postern.sieve.SieveLimits;
import org.postern.sieve.SieveProgram;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.message.SieveMessage;
import org.postern.sieve.runtime.SieveRunInput;

/** Runs one Pigeonhole {@code .svtest} file and says which of its tests failed. */
final class SvtestRunner {

  /** The default message of Pigeonhole's testsuite. */
  static final String DEFAULT_MESSAGE =
      "From: sender@example.com\r\nTo: recipient@example.org\r\nSubject: Frop!\r\n\r\nFriep!\r\n";

  private static final Pattern REQUIRE =
      Pattern.compile("require\\s*(\\[[^\\]]*\\]|\"[^\"]*\")", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern SCRIPT = Pattern.compile("\"([^\"]+\\.sieve)\"");

  /**
   * What running a file gave: how many tests ran and the failures. A file passes when nothing
   * failed or, for the crash regressions under {@code failures/} that Pigeonhole runs expecting
   * failure, when every test failed (a file that does not compile counts as failed).
   */
  record Outcome(int tests, List<String> failures, boolean expectFailure) {
    boolean passed() {
      return expectFailure ? failures.size() >= Math.max(1, tests) : failures.isEmpty();
    }
  }

  /** Whether Pigeonhole runs {@code file} expecting all its tests to fail. */
  static boolean expectsFailure(Path file) {
    Path parent = file.getParent();
    return parent != null
        && parent.getFileName() != null
        && parent.getFileName().toString().equals("failures");
  }

  private SvtestRunner() {}

  /**
   * Why the file cannot run here (a vendor extension or harness feature out of scope), or empty.
   */
  static Optional<String> skipReason(Path file) throws IOException {
    String source = Files.readString(file, StandardCharsets.UTF_8);
    StringBuilder all = new StringBuilder(source);
    Matcher scripts = SCRIPT.matcher(source);
    while (scripts.find()) {
      Path script = file.getParent().resolve(scripts.group(1));
      if (Files.isRegularFile(script)) {
        all.append('\n').append(Files.readString(script, StandardCharsets.ISO_8859_1));
      }
    }
    Set<String> unsupported = new TreeSet<>();
    for (String name : requires(all.toString())) {
      if ((name.startsWith("vnd.dovecot.") && !name.equals(TestsuiteExtension.NAME))
          || name.equals("mboxmetadata")
          || name.equals("servermetadata")
          || name.equals("special-use")) {
        unsupported.add(name);
      }
    }
    if (!unsupported.isEmpty()) {
      return Optional.of("needs vendor extension " + String.join(", ", unsupported));
    }
    if (source.contains("test_binary_save") || source.contains("test_binary_load")) {
      return Optional.of("saves and loads compiled binaries (Pigeonhole's binary format)");
    }
    return Optional.empty();
  }

  private static List<String> requires(String source) {
    List<String> names = new ArrayList<>();
    Matcher require = REQUIRE.matcher(source);
    while (require.find()) {
      Matcher quoted = QUOTED.matcher(require.group(1));
      while (quoted.find()) {
        names.add(quoted.group(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return names;
  }

  /** Compiles and runs {@code file} with the testsuite extension. */
  static Outcome run(Path file) throws IOException {
    TestsuiteState state = new TestsuiteState(file.getParent());
    SieveLimits limits = SieveLimits.defaults();
    SieveCompiler compiler = SieveCompiler.create(limits, TestsuiteExtension.extensions(state));
    state.compiler(compiler);
    String source = Files.readString(file, StandardCharsets.UTF_8);
    SieveProgram program;
    try {
      program = compiler.compile(source);
    } catch (SieveCompileException e) {
      return new Outcome(
          0,
          List.of("does not compile: " + e.getMessage().replace('\n', ' ')),
          expectsFailure(file));
    }
    SieveMessage message = SieveMessage.parse(DEFAULT_MESSAGE);
    SieveRunInput input =
        new SieveRunInput(
            message,
            TestsuiteExtension.envelopeOf(message),
            // Pigeonhole's testsuite environment: the tests check these values.
            java.util.Map.of("name", "Pigeonhole Sieve", "location", "MS"),
            Set.of(),
            TestsuiteState.NO_VACATION_MEMORY,
            java.time.Clock.systemUTC(),
            state::mailboxExists);
    SieveResult result = program.run(input, state.result());
    List<String> failures = new ArrayList<>(state.failures());
    if (result.failed()) {
      String pending = state.takePendingFailure();
      failures.add(
          pending != null
              ? "(outside tests): " + pending
              : "run stopped: " + result.error().orElse(""));
    }
    return new Outcome(state.tests(), failures, expectsFailure(file));
  }
}
