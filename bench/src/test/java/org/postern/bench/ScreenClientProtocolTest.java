package org.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScreenClientProtocolTest {
  private static final Pattern CLIENT = Pattern.compile("\nclient_address=([^\n]+)\n");

  private static String client(ScreenClientProtocol protocol, long n) {
    Matcher matcher = CLIENT.matcher((String) protocol.request(n));
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
    assertThat((String) protocol.request(7))
        .startsWith("request=smtpd_access_policy\n")
        .endsWith("\n\n");
    assertThat(protocol.classify("action=DUNNO")).isEqualTo(ReplyOutcome.DUNNO);
    assertThat(protocol.classify("action=REJECT 5.7.1 listed"))
        .isEqualTo(ReplyOutcome.OTHER_ACTION);
    assertThat(protocol.classify("garbage")).isEqualTo(ReplyOutcome.ERROR);
  }
}
