package org.postern.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postern.socketmap.SocketmapReply;
import org.postern.socketmap.SocketmapRequest;

class SrsSocketmapTest {
  private static final String VECTOR = "SRS0=vmyz=2W=otherdomain.com=test@example.com";

  private final SrsSocketmap socketmap =
      new SrsSocketmap(SrsFixtures.rewriter(SrsFixtures.VECTOR_TIME));

  private SocketmapReply lookup(String map, String key) {
    return socketmap.lookup(new SocketmapRequest(map, key)).toCompletableFuture().join();
  }

  @Test
  void forwardAnswersTheSrsAddress() {
    assertThat(lookup("forward", "test@otherdomain.com")).isEqualTo(SocketmapReply.ok(VECTOR));
  }

  @Test
  void reverseAnswersTheOriginalSender() {
    assertThat(lookup("reverse", VECTOR)).isEqualTo(SocketmapReply.ok("test@otherdomain.com"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "test@otherdomain.com",
        "SRS0=vmyy=2W=otherdomain.com=test@example.com",
        "SRS0=vmyz=2WW=otherdomain.com=test@example.com",
        "SRS0=garbage@example.com",
        "",
        "@example.com"
      })
  void reverseFailuresAreNotFoundNeverPerm(String key) {
    assertThat(lookup("reverse", key)).isEqualTo(SocketmapReply.notFound());
  }

  @Test
  void anExpiredAddressIsNotFound() {
    SrsSocketmap later =
        new SrsSocketmap(SrsFixtures.rewriter(SrsFixtures.VECTOR_TIME.plus(Duration.ofDays(30))));
    assertThat(later.lookup(new SocketmapRequest("reverse", VECTOR)).toCompletableFuture().join())
        .isEqualTo(SocketmapReply.notFound());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bob@example.com", "user", "@otherdomain.com", ""})
  void senderLeftAloneIsNotFound(String key) {
    assertThat(lookup("forward", key)).isEqualTo(SocketmapReply.notFound());
  }

  @Test
  void anUnknownMapIsAConfigurationErrorAnsweredPerm() {
    SocketmapReply reply = lookup("Forward", "test@otherdomain.com");
    assertThat(reply.status()).isEqualTo(SocketmapReply.Status.PERM);
    assertThat(reply.data()).contains("unknown map Forward");
  }
}
