package org.postern.milter.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postern.milter.handler.MilterChain;

class MilterRequirementsTest {

  @Test
  void watchingNothingSwitchesEveryStepOff() {
    assertThat(MilterRequirements.none().watchingOnly().protocolFlags())
        .isEqualTo(ProtocolFlag.STEP_SUPPRESSION);
  }

  @Test
  void watchedStepsComeWithoutReplyAndTheOthersAreOff() {
    Set<ProtocolFlag> flags =
        MilterRequirements.none()
            .withFlags(ProtocolFlag.HEADER_LEADING_SPACE)
            .watchingOnly(ProtocolFlag.NO_REPLY_MAIL, ProtocolFlag.NO_REPLY_HEADER)
            .protocolFlags();

    Set<ProtocolFlag> expected = EnumSet.copyOf(ProtocolFlag.STEP_SUPPRESSION);
    expected.removeAll(List.of(ProtocolFlag.NO_MAIL, ProtocolFlag.NO_HEADERS));
    expected.addAll(
        List.of(
            ProtocolFlag.NO_REPLY_MAIL,
            ProtocolFlag.NO_REPLY_HEADER,
            ProtocolFlag.HEADER_LEADING_SPACE));
    assertThat(flags).isEqualTo(expected);
  }

  @Test
  void onlyNoReplyFlagsNameSteps() {
    assertThatThrownBy(() -> MilterRequirements.none().watchingOnly(ProtocolFlag.NO_MAIL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NO_MAIL");
  }

  @Test
  void aStepOneFilterWatchesAndAnotherSwitchesOffIsSentWithoutReply() {
    MilterRequirements merged =
        MilterChain.merge(
            List.of(
                MilterRequirements.none().watchingOnly(),
                MilterRequirements.none().watchingOnly(ProtocolFlag.NO_REPLY_RCPT)));

    assertThat(merged.protocolFlags())
        .contains(ProtocolFlag.NO_REPLY_RCPT, ProtocolFlag.NO_CONNECT, ProtocolFlag.NO_BODY)
        .doesNotContain(ProtocolFlag.NO_RCPT);
  }

  @Test
  void aFilterThatAnswersAStepKeepsItsReply() {
    MilterRequirements merged =
        MilterChain.merge(
            List.of(
                MilterRequirements.none().watchingOnly(ProtocolFlag.NO_REPLY_RCPT),
                MilterRequirements.none()));

    assertThat(merged.protocolFlags())
        .doesNotContain(ProtocolFlag.NO_REPLY_RCPT, ProtocolFlag.NO_RCPT, ProtocolFlag.NO_CONNECT);
  }
}
