package org.postern.socketmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SocketmapMessagesTest {
  @Test
  void requestSplitsAtTheFirstSpace() throws Exception {
    assertThat(SocketmapRequest.parse("reverse a b@c"))
        .isEqualTo(new SocketmapRequest("reverse", "a b@c"));
    assertThat(SocketmapRequest.parse("forward ")).isEqualTo(new SocketmapRequest("forward", ""));
  }

  @Test
  void requestWithoutASpaceIsATypedError() {
    assertThatThrownBy(() -> SocketmapRequest.parse("forward"))
        .isInstanceOf(MalformedSocketmapMessageException.class);
  }

  @Test
  void repliesUsePostfixWording() {
    assertThat(SocketmapReply.ok("a@b").encode()).isEqualTo("OK a@b");
    assertThat(SocketmapReply.notFound().encode()).isEqualTo("NOTFOUND ");
    assertThat(SocketmapReply.temp("busy").encode()).isEqualTo("TEMP busy");
    assertThat(SocketmapReply.timeout("slow").encode()).isEqualTo("TIMEOUT slow");
    assertThat(SocketmapReply.perm("bad").encode()).isEqualTo("PERM bad");
  }

  @Provide
  Arbitrary<String> mapNames() {
    return Arbitraries.strings().excludeChars(' ').ofMaxLength(20);
  }

  @Property
  void requestsRoundTrip(@ForAll("mapNames") String name, @ForAll String key) throws Exception {
    SocketmapRequest request = new SocketmapRequest(name, key);
    assertThat(SocketmapRequest.parse(request.encode())).isEqualTo(request);
  }

  @Property
  void repliesRoundTrip(@ForAll SocketmapReply.Status status, @ForAll String data)
      throws Exception {
    SocketmapReply reply = new SocketmapReply(status, data);
    assertThat(SocketmapReply.parse(reply.encode())).isEqualTo(reply);
  }

  @Property
  void arbitraryRepliesParseOrFailWithTheTypedError(@ForAll String payload) {
    try {
      assertThat(SocketmapReply.parse(payload).encode()).isEqualTo(payload);
    } catch (MalformedSocketmapMessageException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
