package org.postern.milter.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.postern.milter.command.MilterCommand;
import org.postern.milter.negotiation.Action;
import org.postern.milter.negotiation.MacroStage;
import org.postern.milter.negotiation.MilterRequirements;
import org.postern.milter.negotiation.NegotiatedOptions;
import org.postern.milter.negotiation.ProtocolFlag;
import org.postern.milter.reply.MessageModification;
import org.postern.milter.reply.Verdict;

class MilterChainTest {
  private static final MilterCommand.Recipient RCPT =
      new MilterCommand.Recipient("<b@example.net>", List.of());
  private static final MilterCommand.BodyChunk CHUNK =
      new MilterCommand.BodyChunk("x\r\n".getBytes());

  /** A context with nothing in it, running tasks inline. */
  private static final MilterContext EMPTY =
      new MilterContext() {
        @Override
        public Optional<String> macro(String name) {
          return Optional.empty();
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
          return Optional.empty();
        }

        @Override
        public Optional<MilterCommand.Mail> sender() {
          return Optional.empty();
        }

        @Override
        public List<MilterCommand.Recipient> recipients() {
          return List.of();
        }

        @Override
        public NegotiatedOptions options() {
          return new NegotiatedOptions(6, 0x1ff, 0x1fffff, 6, 0x1ff, 0, Map.of());
        }

        @Override
        public Executor executor() {
          return Runnable::run;
        }
      };

  /** Answers fixed verdicts and records its calls under its name. */
  private static final class Scripted implements MilterHandler {
    final String name;
    final List<String> calls;
    Verdict atRecipient = new Verdict.Continue();
    Verdict atBody = new Verdict.Continue();
    String header;

    Scripted(String name, List<String> calls) {
      this.name = name;
      this.calls = calls;
    }

    @Override
    public CompletionStage<Verdict> recipient(
        MilterContext context, MilterCommand.Recipient recipient) {
      calls.add(name + " rcpt");
      return MilterHandler.answer(atRecipient);
    }

    @Override
    public CompletionStage<Verdict> body(MilterContext context, MilterCommand.BodyChunk chunk) {
      calls.add(name + " body");
      return MilterHandler.answer(atBody);
    }

    @Override
    public CompletionStage<Verdict> endOfMessage(MilterContext context, MessageModifier modifier) {
      calls.add(name + " eom");
      if (header != null) {
        modifier.addHeader(header, name);
      }
      return CONTINUE;
    }

    @Override
    public void messageDecided(MilterContext context, Verdict verdict) {
      calls.add(name + " decided " + verdict.code());
    }
  }

  private static Verdict await(CompletionStage<Verdict> stage) throws Exception {
    return stage.toCompletableFuture().get();
  }

  @Test
  void theFirstDecidingVerdictWinsAndLaterFiltersAreNotCalled() throws Exception {
    List<String> calls = new ArrayList<>();
    Scripted first = new Scripted("first", calls);
    Scripted second = new Scripted("second", calls);
    Scripted third = new Scripted("third", calls);
    second.atRecipient = new Verdict.Reject();
    MilterChain chain = MilterChain.of(first, second, third);

    assertThat(await(chain.recipient(EMPTY, RCPT))).isEqualTo(new Verdict.Reject());
    assertThat(calls).containsExactly("first rcpt", "second rcpt");

    chain.messageDecided(EMPTY, new Verdict.Reject());
    assertThat(calls)
        .endsWith("first decided r", "second decided r", "third decided r")
        .as("every filter hears the outcome");
  }

  @Test
  void continueFromEveryFilterIsContinue() throws Exception {
    List<String> calls = new ArrayList<>();
    MilterChain chain = MilterChain.of(new Scripted("a", calls), new Scripted("b", calls));

    assertThat(await(chain.recipient(EMPTY, RCPT))).isEqualTo(new Verdict.Continue());
    assertThat(calls).containsExactly("a rcpt", "b rcpt");
  }

  @Test
  void modificationsOfAllFiltersGoOutInFilterOrder() throws Exception {
    List<String> calls = new ArrayList<>();
    Scripted first = new Scripted("first", calls);
    Scripted second = new Scripted("second", calls);
    first.header = "X-One";
    second.header = "X-Two";
    MessageModifier modifier = new MessageModifier(action -> true);

    assertThat(await(MilterChain.of(first, second).endOfMessage(EMPTY, modifier)))
        .isEqualTo(new Verdict.Continue());
    assertThat(modifier.close())
        .containsExactly(
            new MessageModification.AddHeader("X-One", "first"),
            new MessageModification.AddHeader("X-Two", "second"));
  }

  @Test
  void aFilterThatSkipsGetsNoMoreBodyAndTheChainSkipsWhenAllDid() throws Exception {
    List<String> calls = new ArrayList<>();
    Scripted skipper = new Scripted("skipper", calls);
    Scripted reader = new Scripted("reader", calls);
    skipper.atBody = new Verdict.Skip();
    MilterChain chain = MilterChain.of(skipper, reader);

    assertThat(await(chain.body(EMPTY, CHUNK))).isEqualTo(new Verdict.Continue());
    assertThat(await(chain.body(EMPTY, CHUNK))).isEqualTo(new Verdict.Continue());
    assertThat(calls).containsExactly("skipper body", "reader body", "reader body");

    reader.atBody = new Verdict.Skip();
    assertThat(await(chain.body(EMPTY, CHUNK))).isEqualTo(new Verdict.Skip());

    chain.abort(EMPTY);
    calls.clear();
    assertThat(await(chain.body(EMPTY, CHUNK))).isEqualTo(new Verdict.Skip());
    assertThat(calls).as("a new message feeds every filter again").hasSize(2);
  }

  @Test
  void aThrowingFilterFailsTheChainStage() {
    MilterHandler throwing =
        new MilterHandler() {
          @Override
          public CompletionStage<Verdict> data(MilterContext context) {
            throw new IllegalStateException("bug");
          }
        };
    CompletionStage<Verdict> stage = MilterChain.of(new MilterHandler() {}, throwing).data(EMPTY);

    assertThatThrownBy(() -> stage.toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("bug");
  }

  @Test
  void aFilterAnsweringLaterIsWaitedFor() throws Exception {
    CompletableFuture<Verdict> later = new CompletableFuture<>();
    List<String> calls = new ArrayList<>();
    MilterHandler slow =
        new MilterHandler() {
          @Override
          public CompletionStage<Verdict> recipient(
              MilterContext context, MilterCommand.Recipient recipient) {
            calls.add("slow");
            return later;
          }
        };
    CompletionStage<Verdict> stage =
        MilterChain.of(slow, new Scripted("next", calls)).recipient(EMPTY, RCPT);

    assertThat(calls).containsExactly("slow");
    later.complete(new Verdict.Continue());
    assertThat(await(stage)).isEqualTo(new Verdict.Continue());
    assertThat(calls).containsExactly("slow", "next rcpt");
  }

  @Test
  void requirementsAreMergedActionsByUnionStepsOnlyWhenAllAgree() {
    MilterRequirements signer =
        new MilterRequirements(
            Set.of(Action.ADD_HEADERS),
            Set.of(Action.CHANGE_HEADERS),
            Set.of(ProtocolFlag.NO_REPLY_HEADER, ProtocolFlag.NO_BODY, ProtocolFlag.SKIP),
            Map.of(MacroStage.END_OF_MESSAGE, List.of("i")));
    MilterRequirements checker =
        new MilterRequirements(
            Set.of(Action.CHANGE_HEADERS),
            Set.of(Action.QUARANTINE),
            Set.of(ProtocolFlag.NO_REPLY_HEADER, ProtocolFlag.HEADER_LEADING_SPACE),
            Map.of(MacroStage.END_OF_MESSAGE, List.of("i", "{daemon_name}")));

    MilterRequirements merged = MilterChain.merge(List.of(signer, checker));

    assertThat(merged.requiredActions())
        .containsExactlyInAnyOrder(Action.ADD_HEADERS, Action.CHANGE_HEADERS);
    assertThat(merged.optionalActions()).containsExactly(Action.QUARANTINE);
    assertThat(merged.protocolFlags())
        .containsExactlyInAnyOrder(
            ProtocolFlag.NO_REPLY_HEADER, ProtocolFlag.SKIP, ProtocolFlag.HEADER_LEADING_SPACE);
    assertThat(merged.macros())
        .containsEntry(MacroStage.END_OF_MESSAGE, List.of("i", "{daemon_name}"));
  }

  @Test
  void aFilterThatSwitchesAStepOffAgreesToNoReplyForIt() {
    MilterRequirements endOfMessageOnly =
        MilterRequirements.none()
            .withFlags(ProtocolFlag.STEP_SUPPRESSION.toArray(ProtocolFlag[]::new));
    MilterRequirements wantsSenderSilently =
        MilterRequirements.none().withFlags(ProtocolFlag.NO_CONNECT, ProtocolFlag.NO_REPLY_MAIL);
    MilterRequirements merged = MilterChain.merge(List.of(endOfMessageOnly, wantsSenderSilently));
    assertThat(merged.protocolFlags())
        .contains(ProtocolFlag.NO_CONNECT, ProtocolFlag.NO_REPLY_MAIL)
        .doesNotContain(ProtocolFlag.NO_MAIL, ProtocolFlag.NO_HELO, ProtocolFlag.NO_REPLY_HELO);
  }

  @Test
  void theModifierRefusesActionsThatWereNotNegotiated() {
    MessageModifier modifier = new MessageModifier(action -> action == Action.ADD_HEADERS);

    modifier.addHeader("X-Ok", "yes");
    assertThatThrownBy(() -> modifier.changeFrom("<x@example.org>", ""))
        .isInstanceOf(ModificationRefusedException.class)
        .hasMessageContaining("CHANGE_FROM");
    assertThatThrownBy(() -> modifier.replaceBody(new byte[10]))
        .isInstanceOf(ModificationRefusedException.class);
    assertThat(modifier.close()).hasSize(1);
    assertThatThrownBy(() -> modifier.addHeader("X-Late", "no"))
        .isInstanceOf(ModificationRefusedException.class);
  }
}
