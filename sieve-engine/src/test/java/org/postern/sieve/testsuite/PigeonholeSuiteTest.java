package org.postern.sieve.testsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.postern.testing.Peers;

/**
 * Runs every {@code .svtest} of Pigeonhole's test suite as a dynamic test. Files needing vendor
 * extensions are skipped with the reason; files listed in {@code pigeonhole-known-failures.txt}
 * must still fail (so fixing one forces the list to be updated) and are then reported as skipped.
 * Writes the pass/skip/known-failure table to {@code target/pigeonhole-conformance.md}.
 */
class PigeonholeSuiteTest {

  private static final Map<String, String> TABLE = new ConcurrentSkipListMap<>();
  private static final Map<String, String> OUTCOMES = new ConcurrentSkipListMap<>();

  @TestFactory
  Stream<DynamicTest> pigeonholeSuite() throws IOException {
    Path root = Peers.requireTestData("postern.testdata").resolve("sieve/pigeonhole");
    Map<String, String> known = knownFailures();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".svtest")).sorted().toList();
    }
    assertThat(files).as("svtest files under " + root).isNotEmpty();
    for (String name : known.keySet()) {
      assertThat(root.resolve(name)).as("known failure listed but absent").exists();
    }
    return files.stream()
        .map(
            file -> {
              String name = root.relativize(file).toString();
              return DynamicTest.dynamicTest(name, () -> check(file, name, known.get(name)));
            });
  }

  private static void check(Path file, String name, String knownReason) throws IOException {
    Optional<String> skip = SvtestRunner.skipReason(file);
    if (skip.isPresent()) {
      TABLE.put(name, "skipped | " + skip.get());
      assertThat(knownReason).as(name + " is skipped; remove it from the known failures").isNull();
      Assumptions.abort(skip.get());
    }
    SvtestRunner.Outcome outcome = SvtestRunner.run(file);
    OUTCOMES.put(
        name,
        outcome.passed()
            ? (outcome.expectFailure() ? "pass (all tests failed, as expected)" : "pass")
            : String.join("; ", outcome.failures()));
    if (knownReason != null) {
      TABLE.put(name, "known failure | " + knownReason);
      assertThat(outcome.passed())
          .as(name + " now passes: remove it from pigeonhole-known-failures.txt")
          .isFalse();
      Assumptions.abort(
          "known failure (" + knownReason + "): " + String.join("; ", outcome.failures()));
    }
    TABLE.put(
        name,
        outcome.passed()
            ? "pass | "
                + outcome.tests()
                + " tests"
                + (outcome.expectFailure() ? ", all failing as Pigeonhole expects" : "")
            : "FAIL | " + String.join("; ", outcome.failures()));
    assertThat(outcome.passed()).as(name + ": failed tests: " + outcome.failures()).isTrue();
  }

  /** The checked-in list: {@code path: reason} lines, {@code #} comments. */
  static Map<String, String> knownFailures() throws IOException {
    Map<String, String> known = new TreeMap<>();
    try (InputStream in =
        PigeonholeSuiteTest.class.getResourceAsStream("/pigeonhole-known-failures.txt")) {
      if (in == null) {
        return known;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int colon = trimmed.indexOf(": ");
        known.put(
            colon < 0 ? trimmed : trimmed.substring(0, colon),
            colon < 0 ? "" : trimmed.substring(colon + 2).trim());
      }
    }
    return known;
  }

  @AfterAll
  static void writeTable() throws IOException {
    if (TABLE.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    long pass = TABLE.values().stream().filter(v -> v.startsWith("pass")).count();
    long skipped = TABLE.values().stream().filter(v -> v.startsWith("skipped")).count();
    long knownFailures = TABLE.values().stream().filter(v -> v.startsWith("known")).count();
    long failed = TABLE.values().stream().filter(v -> v.startsWith("FAIL")).count();
    lines.add(
        "Totals: "
            + TABLE.size()
            + " files, "
            + pass
            + " pass, "
            + knownFailures
            + " known failures, "
            + skipped
            + " skipped"
            + (failed > 0 ? ", " + failed + " FAILING" : "")
            + ".");
    lines.add("");
    lines.add("| file | result | detail |");
    lines.add("|---|---|---|");
    TABLE.forEach(
        (name, value) ->
            lines.add(
                "| `"
                    + name
                    + "` | "
                    + value.replace("|", "\\|").replaceFirst(" \\\\\\| ", " | ")
                    + " |"));
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.write(target.resolve("pigeonhole-conformance.md"), lines, StandardCharsets.UTF_8);
    List<String> outcomes = new ArrayList<>();
    OUTCOMES.forEach((name, value) -> outcomes.add(name + "\t" + value));
    Files.write(target.resolve("pigeonhole-outcomes.tsv"), outcomes, StandardCharsets.UTF_8);
  }
}
