package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a peer's command line with a bounded wait, capturing stdout and stderr together. */
final class ExternalCommand {

  /** How a command ended: its exit code (-1 when it timed out and was killed) and its output. */
  record Outcome(int exitCode, boolean timedOut, String output) {}

  private ExternalCommand() {}

  /**
   * Runs {@code command}; output goes through a file, not a pipe, because a daemon the command
   * starts (Postfix's master) would inherit a pipe and keep it open.
   */
  static Outcome run(List<String> command, Duration timeout) {
    Path output = null;
    try {
      output = Files.createTempFile("postern-command-", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      return new Outcome(finished ? process.exitValue() : -1, !finished, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // A leftover temp file is harmless; the outcome matters more.
        }
      }
    }
  }
}
