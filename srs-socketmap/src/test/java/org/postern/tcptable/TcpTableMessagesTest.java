package org.postern.tcptable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpTableMessagesTest {

  @Test
  void parsesAnEncodedRequest() throws Exception {
    assertThat(TcpTableRequest.parse("get a%2Bb%20c@x.org"))
        .isEqualTo(new TcpTableRequest("a+b c@x.org"));
    assertThat(TcpTableRequest.parse("GET user@x.org").key()).isEqualTo("user@x.org");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "get", "get ", "put a@b", "geta@b", "get a b", "get a\tb", "get %zz", "get é"})
  void refusesMalformedRequests(String line) {
    assertThatThrownBy(() -> TcpTableRequest.parse(line))
        .isInstanceOf(MalformedTcpTableMessageException.class);
  }

  @Test
  void encodesRepliesWithTheirCodes() {
    assertThat(TcpTableReply.found("SRS0=ab+c=2W=x.org=a b@y.org").encode())
        .isEqualTo("200 SRS0=ab+c=2W=x.org=a%20b@y.org");
    assertThat(TcpTableReply.notFound("Not an SRS address.").encode())
        .isEqualTo("500 Not%20an%20SRS%20address.");
    assertThat(TcpTableReply.temporaryError("busy").encode()).isEqualTo("400 busy");
  }

  @Test
  void parsesPostsrsdStyleRepliesWithRawSpaces() throws Exception {
    assertThat(TcpTableReply.parse("500 Time stamp out of date."))
        .isEqualTo(TcpTableReply.notFound("Time stamp out of date."));
    assertThat(TcpTableReply.parse("200 a%40b")).isEqualTo(TcpTableReply.found("a@b"));
    assertThat(TcpTableReply.parse("451 later").status())
        .isEqualTo(TcpTableReply.Status.TEMPORARY_ERROR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "200", "200x", "20 a", "2x0 a", "300 a", "100 a", "200 %4"})
  void refusesMalformedReplies(String line) {
    assertThatThrownBy(() -> TcpTableReply.parse(line))
        .isInstanceOf(MalformedTcpTableMessageException.class);
  }

  @Property
  void requestsRoundTrip(@ForAll("keys") String key) throws Exception {
    assertThat(TcpTableRequest.parse(new TcpTableRequest(key).encode()).key()).isEqualTo(key);
  }

  @Property
  void repliesRoundTrip(@ForAll TcpTableReply.Status status, @ForAll String text) throws Exception {
    TcpTableReply reply = new TcpTableReply(status, text);
    assertThat(TcpTableReply.parse(reply.encode())).isEqualTo(reply);
  }

  @Property
  void garbageRequestsParseOrFailWithTheTypedError(@ForAll("garbage") String line) {
    try {
      TcpTableRequest request = TcpTableRequest.parse(line);
      assertThat(request.key()).isNotEmpty();
    } catch (MalformedTcpTableMessageException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(200);
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.strings()
            .withChars("get %2Ab\u00e9\t\u0000")
            .ofMaxLength(12)
            .map(s -> "get " + s));
  }
}
