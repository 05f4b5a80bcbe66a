package org.postern.common.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

  @Test
  void parsesTheThreePostfixForms() {
    assertThat(ListenAddress.parse("inet:127.0.0.1:8891"))
        .isEqualTo(new ListenAddress.Inet("127.0.0.1", 8891));
    assertThat(ListenAddress.parse("inet:[::1]:10023"))
        .isEqualTo(new ListenAddress.Inet("::1", 10023));
    assertThat(ListenAddress.parse("unix:/run/postern/milter.sock"))
        .isEqualTo(new ListenAddress.Unix(Path.of("/run/postern/milter.sock")));
    assertThat(ListenAddress.parse("localhost:25"))
        .isEqualTo(new ListenAddress.Inet("localhost", 25));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "inet:",
        "inet:127.0.0.1",
        "inet::25",
        "inet:127.0.0.1:65536",
        "inet:127.0.0.1:-1",
        "inet:127.0.0.1:http",
        "inet:::1:25",
        "inet:[::1]25",
        "inet:[127.0.0.1]:25",
        "unix:relative/path",
        "unix:",
        "tcp:127.0.0.1:25"
      })
  void rejectsMalformedAddressesQuotingThemAndTheExpectedForms(String text) {
    assertThatThrownBy(() -> ListenAddress.parse(text))
        .isInstanceOf(InvalidListenAddressException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(ListenAddress.EXPECTED_FORMS);
  }

  @Property
  void inetRoundTripsThroughToString(
      @ForAll("hosts") String host, @ForAll @IntRange(max = 65535) int port) {
    ListenAddress address = new ListenAddress.Inet(host, port);
    assertThat(ListenAddress.parse(address.toString())).isEqualTo(address);
  }

  @Property
  void unixRoundTripsThroughToString(@ForAll("paths") String path) {
    ListenAddress address = new ListenAddress.Unix(Path.of(path));
    assertThat(ListenAddress.parse(address.toString())).isEqualTo(address);
  }

  @Property
  void garbageIsEitherAnAddressOrTheTypedError(@ForAll String text) {
    try {
      assertThat(ListenAddress.parse(text)).isNotNull();
    } catch (InvalidListenAddressException expected) {
      assertThat(expected).hasMessageContaining(ListenAddress.EXPECTED_FORMS);
    }
  }

  @Provide
  Arbitrary<String> hosts() {
    Arbitrary<String> names =
        Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('.', '-').ofMinLength(1);
    Arbitrary<String> ipv6 =
        Arbitraries.integers()
            .between(0, 0xffff)
            .list()
            .ofSize(8)
            .map(
                groups ->
                    String.join(
                        ":", groups.stream().map(Integer::toHexString).toArray(String[]::new)));
    return Arbitraries.oneOf(names, ipv6);
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .ofMinLength(1)
        .ofMaxLength(20)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(parts -> "/" + String.join("/", parts));
  }
}
