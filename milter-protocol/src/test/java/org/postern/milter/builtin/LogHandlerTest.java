package org.postern.milter.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.handler.MilterContext;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.NegotiatedOptions;
import org.postern.milter.reply.ReplyCode;
import org.postern.milter.reply.Verdict;

class LogHandlerTest {

  /** A message from a@example.org to two recipients with queue id {@code queueId}. */
  private static MilterContext message(String queueId) {
    return new MilterContext() {
      @Override
      public Optional<String> macro(String name) {
        return name.equals("i") ? Optional.ofNullable(queueId) : Optional.empty();
      }

      @Override
      public Map<String, String> macros(MacroStage stage) {
        return Map.of();
      }

      @Override
      public Optional<MilterCommand.Connect> connect() {
        return Optional.empty();
      }

      @Override
      public Optional<String> helo() {
        return Optional.of("client.example");
      }

      @Override
      public Optional<MilterCommand.Mail> sender() {
        return Optional.of(new MilterCommand.Mail("<a@example.org>", List.of()));
      }

      @Override
      public List<MilterCommand.Recipient> recipients() {
        return List.of(
            new MilterCommand.Recipient("<b@example.net>", List.of()),
            new MilterCommand.Recipient("<c@example.net>", List.of()));
      }

      @Override
      public NegotiatedOptions options() {
        return new NegotiatedOptions(6, 0, 0, 6, 0, 0, Map.of());
      }

      @Override
      public Executor executor() {
        return Runnable::run;
      }
    };
  }

  @Test
  void oneLineNamesQueueIdSenderRecipientsAndVerdict() {
    assertThat(LogHandler.line(message("4XyZ12"), new Verdict.Continue()))
        .isEqualTo(
            "milter message 4XyZ12: from=<a@example.org> to=<b@example.net>,<c@example.net>"
                + " verdict=accept");
    assertThat(LogHandler.line(message(null), new Verdict.Tempfail()))
        .startsWith("milter message -:")
        .endsWith("verdict=tempfail");
    assertThat(LogHandler.line(message("Q"), ReplyCode.of(550, "5.7.1", "go away")))
        .endsWith("verdict=reply \"550 5.7.1 go away\"");
  }
}
