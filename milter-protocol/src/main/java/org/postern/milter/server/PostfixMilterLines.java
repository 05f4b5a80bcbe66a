package org.postern.milter.server;

import java.util.List;
import org.postern.common.address.ListenAddress;

/** The main.cf lines that make Postfix use a milter listening on an address. */
public final class PostfixMilterLines {
  private PostfixMilterLines() {}

  /**
   * {@code smtpd_milters} and {@code non_smtpd_milters} pointing at {@code address} (Postfix
   * notation, {@code inet:HOST:PORT} or {@code unix:/path}), a dead milter deferring mail instead
   * of passing it, and protocol version 6.
   */
  public static List<String> forAddress(ListenAddress address) {
    return List.of(
        "smtpd_milters = " + address,
        "non_smtpd_milters = " + address,
        "milter_default_action = tempfail",
        "milter_protocol = 6");
  }
}
