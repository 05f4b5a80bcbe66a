package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.postern.greylist.Triplet;
import org.postern.greylist.TripletNormaliser;
import org.postern.policy.PolicyLimits;
import org.postern.policy.PolicyRequest;
import org.postern.policy.PolicyRequestDecoder;

class PolicyClientProtocolTest {
  private final PolicyClientProtocol protocol = new PolicyClientProtocol();

  private static PolicyRequest decoded(String wire) {
    EmbeddedChannel channel =
        new EmbeddedChannel(new PolicyRequestDecoder(PolicyLimits.defaults()));
    channel.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.US_ASCII));
    PolicyRequest request = channel.readInbound();
    channel.finishAndReleaseAll();
    return request;
  }

  @Test
  void requestsAreRcptStageRequestsPostfixWouldSend() {
    PolicyRequest request = decoded(PolicyClientProtocol.text(300));
    assertThat(request.protocolState()).isEqualTo("RCPT");
    assertThat(request.clientAddress()).isEqualTo("10.0.1.44");
    assertThat(request.sender()).isEqualTo("user300@foreign300.test");
    assertThat(request.recipient()).isEqualTo("rcpt300@example.com");
    assertThat(request.instance()).isNotEmpty();
  }

  @Test
  void everyRequestIsANewGreylistTripletEvenAfterNormalisation() {
    TripletNormaliser normaliser = new TripletNormaliser(24, 64);
    Set<Triplet> seen = new HashSet<>();
    Set<String> networks = new HashSet<>();
    for (long n = 0; n < 5000; n++) {
      Triplet triplet = normaliser.triplet(decoded(PolicyClientProtocol.text(n)));
      assertThat(seen.add(triplet)).as("request %d repeats a triplet", n).isTrue();
      networks.add(triplet.clientNetwork());
    }
    // New client networks too, so no network is ever auto-whitelisted.
    assertThat(networks).hasSize(5000 / 256 + 1);
  }

  private static List<Object> replies(String wire) {
    EmbeddedChannel channel = new EmbeddedChannel();
    new PolicyClientProtocol().configure(channel.pipeline());
    channel.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8));
    List<Object> out = List.copyOf(channel.inboundMessages());
    channel.finishAndReleaseAll();
    return out;
  }

  @Test
  void theWireFormIsTheTextInAscii() {
    ByteBuf wire = (ByteBuf) protocol.request(7);
    try {
      assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo(PolicyClientProtocol.text(7));
    } finally {
      wire.release();
    }
  }

  @Test
  void classifiesRepliesByAction() {
    List<Object> out =
        replies(
            "action=DEFER_IF_PERMIT 4.7.1 later\n\naction=dunno\n\n"
                + "action=PREPEND X-Greylist: yes\n\nfoo=bar\n\n\n");
    assertThat(out.stream().map(protocol::classify))
        .containsExactly(
            ReplyOutcome.DEFER_IF_PERMIT,
            ReplyOutcome.DUNNO,
            ReplyOutcome.OTHER_ACTION,
            ReplyOutcome.ERROR,
            ReplyOutcome.ERROR);
  }

  @Property
  void anyOneLineActionRoundTripsToOneReply(
      @ForAll @StringLength(min = 1, max = 200) @CharRange(from = ' ', to = '~') String action) {
    List<Object> out = replies("action=" + action + "\n\n");
    assertThat(out).hasSize(1);
    ReplyOutcome outcome = protocol.classify(out.get(0));
    String verb = action.split(" ", 2)[0];
    if (verb.equalsIgnoreCase("DEFER_IF_PERMIT")) {
      assertThat(outcome).isEqualTo(ReplyOutcome.DEFER_IF_PERMIT);
    } else if (verb.equalsIgnoreCase("DUNNO")) {
      assertThat(outcome).isEqualTo(ReplyOutcome.DUNNO);
    } else if (verb.isEmpty()) {
      assertThat(outcome).isEqualTo(ReplyOutcome.ERROR);
    } else {
      assertThat(outcome).isEqualTo(ReplyOutcome.OTHER_ACTION);
    }
  }

  @Property
  void garbageIsNeverCountedAsAnAction(@ForAll @CharRange(from = 'b', to = 'z') String noise) {
    for (Object reply : replies(noise + "\n\n")) {
      assertThat(protocol.classify(reply)).isEqualTo(ReplyOutcome.ERROR);
    }
  }
}
