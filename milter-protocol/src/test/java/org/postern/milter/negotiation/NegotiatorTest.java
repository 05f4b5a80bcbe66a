package org.postern.milter.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.postern.milter.command.MilterCommand.OptionNegotiation;

class NegotiatorTest {
  private static final int POSTFIX_ACTIONS = 0x1ff;
  private static final int POSTFIX_PROTOCOL = 0x1fffff;

  @Property
  void theVersionIsTheSmallerOfSixAndTheOffer(@ForAll @IntRange(min = 2, max = 1000) int offered) {
    NegotiatedOptions options =
        Negotiator.negotiate(new OptionNegotiation(offered, 0, 0), MilterRequirements.none());
    assertThat(options.version()).isEqualTo(Math.min(6, offered));
  }

  @Test
  void aVersionBelowTwoFails() {
    assertThatThrownBy(
            () -> Negotiator.negotiate(new OptionNegotiation(1, 0, 0), MilterRequirements.none()))
        .isInstanceOf(NegotiationException.class)
        .hasMessageContaining("version 1");
  }

  @Property
  void actionsAreTheWantedOnesTheMtaOffers(
      @ForAll Set<Action> offered, @ForAll Set<Action> optional) {
    MilterRequirements requirements =
        new MilterRequirements(Set.of(), optional, Set.of(), Map.of());
    int offeredMask = Action.toMask(offered);
    NegotiatedOptions options =
        Negotiator.negotiate(new OptionNegotiation(6, offeredMask, POSTFIX_PROTOCOL), requirements);
    int expected =
        offeredMask == 0 ? Action.toMask(optional) & 0x0F : Action.toMask(optional) & offeredMask;
    assertThat(options.actions()).isEqualTo(expected);
  }

  @Test
  void aMissingRequiredActionFailsNamingIt() {
    MilterRequirements requirements =
        MilterRequirements.none().requiring(Action.ADD_HEADERS, Action.CHANGE_FROM);
    assertThatThrownBy(
            () ->
                Negotiator.negotiate(
                    new OptionNegotiation(6, Action.ADD_HEADERS.bit(), POSTFIX_PROTOCOL),
                    requirements))
        .isInstanceOf(NegotiationException.class)
        .hasMessageContaining("CHANGE_FROM")
        .hasMessageNotContaining("ADD_HEADERS,");
  }

  @Test
  void requiredActionsOfferedAreGranted() {
    MilterRequirements requirements =
        MilterRequirements.none().requiring(Action.ADD_HEADERS, Action.CHANGE_HEADERS);
    NegotiatedOptions options =
        Negotiator.negotiate(
            new OptionNegotiation(6, POSTFIX_ACTIONS, POSTFIX_PROTOCOL), requirements);
    assertThat(Action.fromMask(options.actions()))
        .containsExactlyInAnyOrder(Action.ADD_HEADERS, Action.CHANGE_HEADERS);
    assertThat(options.allows(Action.ADD_RECIPIENT)).isFalse();
  }

  @Test
  void noReplyFlagsAreGrantedOnlyWhenOffered() {
    MilterRequirements requirements =
        MilterRequirements.none()
            .withFlags(
                ProtocolFlag.NO_REPLY_HEADER, ProtocolFlag.NO_REPLY_BODY, ProtocolFlag.NO_HELO);
    int offer =
        ProtocolFlag.NO_REPLY_HEADER.bit() | ProtocolFlag.NO_HELO.bit() | ProtocolFlag.SKIP.bit();
    NegotiatedOptions options =
        Negotiator.negotiate(new OptionNegotiation(6, POSTFIX_ACTIONS, offer), requirements);
    assertThat(ProtocolFlag.fromMask(options.protocol()))
        .containsExactlyInAnyOrder(ProtocolFlag.NO_REPLY_HEADER, ProtocolFlag.NO_HELO);
    assertThat(options.has(ProtocolFlag.NO_REPLY_BODY)).isFalse();
    assertThat(options.mtaUnderstandsSkip()).isTrue();
  }

  @Test
  void stepsTheMtaCannotSwitchOffAreNeverSent() {
    // A version 2 MTA offers the first seven bits only: it never sends DATA or unknown commands.
    NegotiatedOptions options =
        Negotiator.negotiate(new OptionNegotiation(2, 0x3f, 0x7f), MilterRequirements.none());
    assertThat(options.suppresses(ProtocolFlag.NO_DATA)).isTrue();
    assertThat(options.suppresses(ProtocolFlag.NO_UNKNOWN)).isTrue();
    assertThat(options.suppresses(ProtocolFlag.NO_HEADERS)).isFalse();
  }

  @Test
  void macroListsAreSentOnlyWhenTheMtaOffersSetSymList() {
    MilterRequirements requirements =
        MilterRequirements.none().withMacros(MacroStage.END_OF_MESSAGE, "i", "{auth_authen}");
    NegotiatedOptions withList =
        Negotiator.negotiate(
            new OptionNegotiation(6, POSTFIX_ACTIONS, POSTFIX_PROTOCOL), requirements);
    assertThat(withList.reply().macroLists())
        .isEqualTo(Map.of(MacroStage.END_OF_MESSAGE, List.of("i", "{auth_authen}")));
    assertThat(withList.allows(Action.SET_MACRO_LIST)).isTrue();

    NegotiatedOptions withoutList =
        Negotiator.negotiate(
            new OptionNegotiation(
                6, POSTFIX_ACTIONS & ~Action.SET_MACRO_LIST.bit(), POSTFIX_PROTOCOL),
            requirements);
    assertThat(withoutList.reply().macroLists()).isEmpty();
    assertThat(withoutList.allows(Action.SET_MACRO_LIST)).isFalse();
  }
}
