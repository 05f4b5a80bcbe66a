package org.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;

class ScreenCommandTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new Main()
        .run(
            args,
            new Terminal(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  @Test
  void aBadSiteIsAUsageErrorNamingTheOptionAndThePosition() {
    assertThat(run("screen", "--dnsbl-sites", "zen.spamhaus.org=127.0.0.300"))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--dnsbl-sites")
        .contains("300 is not an octet");
  }

  @Test
  void aBadActionIsAUsageError() {
    assertThat(run("screen", "--dnsbl-action", "bounce")).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dnsbl-action");
  }

  @Test
  void thePostfixLineUsesClientRestrictions() {
    assertThat(ScreenCommand.postfixLines(ListenAddress.parse("inet:127.0.0.1:10024")))
        .containsExactly("smtpd_client_restrictions = check_policy_service inet:127.0.0.1:10024");
  }

  @Test
  void aBadProxyActionIsAUsageErrorNamingTheOption() {
    assertThat(run("screen", "proxy", "--pregreet-action", "bounce")).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--pregreet-action");
  }

  @Test
  void anUnknownWordIsAUsageError() {
    assertThat(run("screen", "relay")).isEqualTo(Main.USAGE);
  }

  @Test
  void theProxyPostfixLinesTrustTheProxyAndAddTheLoopbackSmtpd() {
    assertThat(ScreenCommand.proxyPostfixLines(ListenAddress.parse("inet:127.0.0.1:10025")))
        .containsExactly(
            "smtpd_authorized_xclient_hosts = 127.0.0.1",
            "(master.cf) 127.0.0.1:10025 inet n - n - - smtpd");
  }
}
