package org.postern.milter.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postern.common.address.ListenAddress;

class PostfixMilterLinesTest {
  @Test
  void linesNameTheActualAddressInPostfixNotation() {
    assertThat(PostfixMilterLines.forAddress(ListenAddress.parse("inet:127.0.0.1:8891")))
        .containsExactly(
            "smtpd_milters = inet:127.0.0.1:8891",
            "non_smtpd_milters = inet:127.0.0.1:8891",
            "milter_default_action = tempfail",
            "milter_protocol = 6");
    assertThat(PostfixMilterLines.forAddress(ListenAddress.parse("unix:/run/postern/milter")))
        .startsWith("smtpd_milters = unix:/run/postern/milter");
  }
}
