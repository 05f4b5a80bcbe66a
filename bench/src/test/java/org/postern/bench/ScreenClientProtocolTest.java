package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScreenClientProtocolTest {
  private static final Pattern CLIENT = Pattern.compile("\nclient_address=([^\n]+)\n");

  private static String client(ScreenClientProtocol protocol, long n) {
    Matcher matcher = CLIENT.matcher(protocol.text(n));
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  @Test
  void withoutClientsEveryRequestComesFromANewAddress() {
    ScreenClientProtocol protocol = new ScreenClientProtocol(0);
    Set<String> seen = new HashSet<>();
    for (long n = 0; n < 70_000; n++) {
      assertThat(seen.add(client(protocol, n))).as("request %d", n).isTrue();
    }
    assertThat(seen).contains("10.0.0.0", "10.1.0.255");
  }

  @Test
  void withClientsAddressesRepeatInTurn() {
    ScreenClientProtocol protocol = new ScreenClientProtocol(3);
    Set<String> seen = new HashSet<>();
    for (long n = 0; n < 30; n++) {
      seen.add(client(protocol, n));
    }
    assertThat(seen).containsExactlyInAnyOrder("10.0.0.0", "10.0.0.1", "10.0.0.2");
    assertThat(client(protocol, 4)).isEqualTo(client(protocol, 1));
  }

  @Test
  void requestsEndWithAnEmptyLineAndRepliesAreClassified() {
    ScreenClientProtocol protocol = new ScreenClientProtocol(0);
    ByteBuf wire = (ByteBuf) protocol.request(7);
    try {
      assertThat(wire.toString(StandardCharsets.US_ASCII))
          .isEqualTo(protocol.text(7))
          .startsWith("request=smtpd_access_policy\n")
          .endsWith("\n\n");
    } finally {
      wire.release();
    }
    EmbeddedChannel channel = new EmbeddedChannel();
    protocol.configure(channel.pipeline());
    channel.writeInbound(
        Unpooled.copiedBuffer(
            "action=DUNNO\n\naction=REJECT 5.7.1 listed\n\ngarbage\n\n",
            StandardCharsets.US_ASCII));
    assertThat(channel.inboundMessages().stream().map(protocol::classify))
        .containsExactly(ReplyOutcome.DUNNO, ReplyOutcome.OTHER_ACTION, ReplyOutcome.ERROR);
    channel.finishAndReleaseAll();
  }
}
