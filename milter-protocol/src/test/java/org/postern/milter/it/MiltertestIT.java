package org.postern.milter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;
import org.postern.milter.builtin.AddHeaderHandler;
import org.postern.milter.handler.MessageModifier;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.handler.MilterHandler;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.reply.Verdict;
import org.postern.testing.Peers;

/** OpenDKIM's miltertest (libmilter's side of the protocol, scripted in Lua) driving our server. */
class MiltertestIT {

  private static Result runMiltertest(Path script, String socket) throws Exception {
    Path miltertest = Peers.require("miltertest");
    ProcessBuilder builder =
        new ProcessBuilder(miltertest.toString(), "-s", script.toString())
            .redirectErrorStream(true);
    builder.environment().put("MILTER_SOCKET", socket);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("miltertest did not finish within 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}

  private static Path script(Path directory) throws IOException {
    Path script = directory.resolve("add-header.lua");
    try (var in = MiltertestIT.class.getResourceAsStream("/miltertest/add-header.lua")) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  @Test
  void miltertestSeesTheHeaderAddedOverTcp() throws Exception {
    Path directory = Files.createTempDirectory("postern-miltertest-");
    try (RunningMilter milter =
        RunningMilter.start(
            ListenAddress.parse("inet:127.0.0.1:0"),
            () -> everyStep(new AddHeaderHandler("X-Postern-Checked", "yes")))) {
      ListenAddress.Inet inet = (ListenAddress.Inet) milter.address();
      Result result = runMiltertest(script(directory), "inet:" + inet.port() + "@127.0.0.1");

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("miltertest: header added");
    } finally {
      Files.deleteIfExists(directory.resolve("add-header.lua"));
      Files.deleteIfExists(directory);
    }
  }

  @Test
  void miltertestFailsWhenTheHeaderIsMissing() throws Exception {
    Path directory = Files.createTempDirectory("postern-miltertest-");
    try (RunningMilter milter =
        RunningMilter.start(
            ListenAddress.parse("inet:127.0.0.1:0"),
            () -> everyStep(new AddHeaderHandler("X-Something-Else", "yes")))) {
      ListenAddress.Inet inet = (ListenAddress.Inet) milter.address();
      Result result = runMiltertest(script(directory), "inet:" + inet.port() + "@127.0.0.1");

      assertThat(result.exitCode()).as("the script can fail: " + result.output()).isNotZero();
    } finally {
      Files.deleteIfExists(directory.resolve("add-header.lua"));
      Files.deleteIfExists(directory);
    }
  }

  /**
   * The filter with every step and reply switched on, so the script walks the whole protocol
   * (connect, helo, mail, rcpt, headers, body) and checks a reply at each step.
   */
  private static MilterHandler everyStep(AddHeaderHandler filter) {
    return new MilterHandler() {
      @Override
      public MilterRequirements requirements() {
        return MilterRequirements.none().requiring(Action.ADD_HEADERS);
      }

      @Override
      public CompletionStage<Verdict> endOfMessage(
          MilterContext context, MessageModifier modifier) {
        return filter.endOfMessage(context, modifier);
      }
    };
  }
}
